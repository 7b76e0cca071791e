from ecosystem.cli import cli

cli()
