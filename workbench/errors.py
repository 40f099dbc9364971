"""Typed errors of the workbench library.

Every error a user can cause derives from :class:`WorkbenchError` and carries a
message written for that user. The UI and the CLI turn them into messages in one
place each (``workbench.ui.messages`` and ``workbench.cli``); nothing else of the
library's exceptions should escape to a user.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base class: something the user gave us cannot be processed; the message says why."""

    #: Short title for UI banners and CLI prefixes.
    title = "Cannot process input"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(WorkbenchError):
    """A document given by the user cannot be read."""

    title = "Cannot read the document"


class EmptyDocumentError(InputError):
    """The document holds no text (empty, or only whitespace/markup)."""

    title = "Empty document"


class UnsupportedFormatError(InputError):
    """The file is of a format we do not read (PDF, image, archive, binary)."""

    title = "Unsupported file format"


class EncodingError(InputError):
    """The bytes cannot be decoded to text with confidence."""

    title = "Unknown text encoding"


class TooLargeError(InputError):
    """The input exceeds a configured limit (bytes, characters or segments)."""

    title = "Document too large"


class OutputError(WorkbenchError):
    """A command's output file cannot be written (an input, a folder, a full disk …)."""

    title = "Cannot write the output"


class AlignmentError(WorkbenchError):
    """Two documents cannot be aligned with the options given."""

    title = "Cannot align"


class AnnotationError(WorkbenchError):
    """An annotation cannot be saved as given (e.g. it names no reviewer)."""

    title = "Cannot save the annotation"


class ErrorMarkError(AnnotationError):
    """An error cannot be marked as given (a quotation not in the text, too many errors …)."""

    title = "Cannot mark this error"


class AlignmentFileError(WorkbenchError):
    """An alignment CSV/JSON file is malformed, from a newer format, or unsafe to write."""

    title = "Alignment file problem"


class ReviewConflictError(AlignmentFileError):
    """A review file holds a review of other texts (or another level) and may not be replaced."""

    title = "Review file in use"


class SaveError(AlignmentFileError):
    """The file system refused a write (full disk, read-only folder, a folder in the way)."""

    title = "Cannot save"


class ProjectNameError(AlignmentFileError):
    """A project name cannot be turned into a safe file name."""

    title = "Invalid project name"


class ExportError(WorkbenchError):
    """An export format or option is not available."""

    title = "Cannot export"


class SheetImportError(WorkbenchError):
    """A reviewer's spreadsheet cannot be merged back into its review (``problems`` say where)."""

    title = "Cannot import the spreadsheet"

    def __init__(self, message: str, *, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        #: One line per cell or row at fault, e.g. "Review!M7 (status): 'done' is not …".
        self.problems = problems


class AgreementError(WorkbenchError):
    """Reviews cannot be compared for agreement (e.g. they review different texts)."""

    title = "Cannot measure agreement"


class EditConflictError(AnnotationError):
    """Someone else saved the same pair since this save's base version; nothing was saved.

    ``pair_id`` names the pair, ``mine`` is the value this save tried to store and
    ``theirs`` the value now stored (both kept, so the reviewer can choose).
    """

    title = "Edited meanwhile by someone else"

    def __init__(self, message: str, *, pair_id: str, mine: object, theirs: object) -> None:
        super().__init__(message)
        self.pair_id = pair_id
        self.mine = mine
        self.theirs = theirs


class StoreSettingError(WorkbenchError):
    """``WORKBENCH_STORE`` names no store this program can use."""

    title = "Unknown review store"
