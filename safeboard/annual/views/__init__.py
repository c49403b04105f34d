from .public import public_download, public_report
from .reports import (
    layout_edit,
    report_create,
    report_list_page,
    report_page,
    report_preview,
    section_add,
    section_edit,
)
from .workflow import (
    file_download,
    file_status,
    report_correct,
    report_generate,
    report_publish,
    report_return,
    report_sent,
    report_sign_off,
    report_submit,
)

__all__ = [
    "file_download",
    "file_status",
    "layout_edit",
    "public_download",
    "public_report",
    "report_correct",
    "report_create",
    "report_generate",
    "report_list_page",
    "report_page",
    "report_preview",
    "report_publish",
    "report_return",
    "report_sent",
    "report_sign_off",
    "report_submit",
    "section_add",
    "section_edit",
]
