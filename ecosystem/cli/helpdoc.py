"""docs/cli.md is made from the commands' own help, and a test keeps it true.

Regenerate with `python -m ecosystem.cli.helpdoc > docs/cli.md`.
"""

from __future__ import annotations

import click


def _walk(cmd: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            out += _walk(cmd.commands[name], path + [name])
    return out


def render() -> str:
    from ecosystem.cli import cli

    parts = ["# Command-line reference\n",
             "Made from each command's `--help` (a test checks it is current).\n"]
    for path, cmd in _walk(cli, ["ecosystem"]):
        # The help option names the real CLI passes down (main_group's context_settings): click
        # caches each command's help option the first time, so the docs must not depend on
        # whether a command already ran in this process.
        ctx = click.Context(cmd, info_name=" ".join(path), terminal_width=100,
                            help_option_names=["-h", "--help"])
        parts.append(f"\n## `{' '.join(path)}`\n\n```\n{cmd.get_help(ctx)}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    print(render(), end="")
