//! The stable code of each kind of problem a diagnostic reports.

use serde::Serialize;

/// What kind of problem a diagnostic reports: a stable name for scripts (`--format json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The text is not valid YAML.
    YamlSyntax,
    /// The text holds a character YAML does not allow (a control character, U+FFFE, …).
    NotPrintable,
    /// The bytes are not UTF-8.
    NotUtf8,
    /// The file is over the size limit.
    TooLarge,
    /// Nesting is deeper than the limit.
    TooDeep,
    /// Aliases expand to more nodes than the limit (an alias bomb).
    TooManyAliases,
    /// The file is empty or holds only comments.
    Empty,
    /// More than one YAML document in a file.
    MultipleDocuments,
    /// A YAML tag (`!name`) where none is used.
    UnsupportedTag,
    /// A key the format does not have.
    UnknownKey,
    /// A key given twice in one mapping.
    DuplicateKey,
    /// A required key is absent.
    MissingField,
    /// A value of the wrong kind (text for a number, a list for text, …).
    WrongType,
    /// A value that is not one of the allowed words.
    UnknownValue,
    /// A reference to an id that does not exist (credential, topic, setting, …).
    UnknownId,
    /// A value of the right kind that is not acceptable (an impossible date, a negative budget, …).
    InvalidValue,
    /// More problems than are shown.
    MoreProblems,
    /// `ceu check`: an entry that repeats an earlier one (the same course).
    DuplicateEntry,
    /// `ceu check`: an entry without the AAPC approval index an AAPC-only holder needs.
    NoApprovalIndex,
    /// `ceu check`: an entry earned before the first certification.
    BeforeCertification,
    /// `ceu check`: a certificate file that is not there.
    CertificateMissing,
    /// `ceu check`: a certificate file another entry names too.
    CertificateShared,
    /// `ceu check`: a checkpoint of a body with no cycle on its date.
    CheckpointNoCycle,
    /// `ceu check`: an entry or checkpoint dated after the report date.
    AfterAsOf,
    /// `ceu check`: a checkpoint whose portal total differs from a log that covers its cycle,
    /// or shows less than the log.
    CheckpointDiffers,
    /// `ceu check` (a note): a checkpoint showing more than a log that does not reach back
    /// to its cycle's start; the status uses its figure.
    CheckpointEvidence,
    /// `ceu check` (a warning): an entry counted toward AHIMA with no `domain`.
    MissingDomain,
    /// `ceu check`, `profile check` (a warning): the profile's `ceu_log_since` is after the
    /// report date or after every entry of the log.
    LogSinceLate,
    /// `ceu check` (a warning): the profile names no CEU log to check.
    NoCeuLog,
}

impl Code {
    /// The stable name, as in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::YamlSyntax => "yaml_syntax",
            Code::NotPrintable => "not_printable",
            Code::NotUtf8 => "not_utf8",
            Code::TooLarge => "too_large",
            Code::TooDeep => "too_deep",
            Code::TooManyAliases => "too_many_aliases",
            Code::Empty => "empty",
            Code::MultipleDocuments => "multiple_documents",
            Code::UnsupportedTag => "unsupported_tag",
            Code::UnknownKey => "unknown_key",
            Code::DuplicateKey => "duplicate_key",
            Code::MissingField => "missing_field",
            Code::WrongType => "wrong_type",
            Code::UnknownValue => "unknown_value",
            Code::UnknownId => "unknown_id",
            Code::InvalidValue => "invalid_value",
            Code::MoreProblems => "more_problems",
            Code::DuplicateEntry => "duplicate_entry",
            Code::NoApprovalIndex => "no_approval_index",
            Code::BeforeCertification => "before_certification",
            Code::CertificateMissing => "certificate_missing",
            Code::CertificateShared => "certificate_shared",
            Code::CheckpointNoCycle => "checkpoint_no_cycle",
            Code::AfterAsOf => "after_as_of",
            Code::CheckpointDiffers => "checkpoint_differs",
            Code::CheckpointEvidence => "checkpoint_evidence",
            Code::MissingDomain => "missing_domain",
            Code::LogSinceLate => "log_since_late",
            Code::NoCeuLog => "no_ceu_log",
        }
    }
}
