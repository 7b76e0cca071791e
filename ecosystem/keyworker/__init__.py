"""What a key worker needs beside the options analysis: caseload, form choices, the plan."""
