"""Diagnostics as GitHub workflow commands, so that CI shows each message on the line it is about.

``::error file=PATH,line=L,col=C,title=CODE::MESSAGE`` (``::warning`` for warnings), one command
a line on standard output. The runner splits properties at ``,`` and ends them at ``::``, and reads
a line break as the end of the command, so property values escape ``%``, CR, LF, ``:`` and ``,``
and the message escapes ``%``, CR and LF, as the runner's ``ActionCommand`` unescapes them
(actions/runner, src/Runner.Common/ActionCommand.cs). Contributor text inside a message can then
never start a command of its own.
"""

from __future__ import annotations

from ..diagnostics import CODES, Diagnostic


def escape_data(text: str) -> str:
    """A workflow command's message: ``%`` first, then CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str], message: str) -> str:
    """``::name key=value,...::message`` with every part escaped."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def annotation(diagnostic: Diagnostic) -> str:
    """The workflow command that shows ``diagnostic`` on its file and line, titled with its code."""
    hint = CODES.get(diagnostic.code, ("", ""))[1]
    message = f"{diagnostic.message}\nhint: {hint}" if hint else diagnostic.message
    properties = {
        "file": diagnostic.path,
        "line": str(max(diagnostic.line, 1)),
        "col": str(max(diagnostic.col, 1)),
        "title": diagnostic.code,
    }
    return command("error" if diagnostic.severity == "error" else "warning", properties, message)
