//! Confirmed vocabulary of the format: strings seen verbatim in the sources of the spec.

/// Mime type and row-data `type` of prompt-response creation rows (SEED).
pub const PROMPT_RESPONSE_CREATION_MIME: &str = "application/llm.prompt-response-creation";

/// Mime type and row-data `type` of conversational rows (SDK tests, notebooks).
pub const CONVERSATIONAL_MIME: &str = "application/vnd.labelbox.conversational";

/// `row_data` of auto-generated prompt-response creation rows: a JSON string (SEED).
pub const PROMPT_RESPONSE_CREATION_ROW_DATA: &str =
    "{\"type\":\"application/llm.prompt-response-creation\",\"version\":1}";

/// `row_data` of auto-generated prompt creation rows (old SDK fixture).
pub const PROMPT_CREATION_ROW_DATA: &str =
    "{\"type\":\"application/llm.prompt-creation\",\"version\":1}";

/// `label.version` in every sample.
pub const LABEL_VERSION: &str = "1.0.0";

/// Default workflow task names (docs: Workflows).
pub const TASK_INITIAL_LABELING: &str = "Initial labeling task";
/// Default review task name.
pub const TASK_INITIAL_REVIEW: &str = "Initial review task";
/// Default rework task name.
pub const TASK_REWORK: &str = "Rework";
/// Done task name.
pub const TASK_DONE: &str = "Done";

/// Reserved metadata field `tag` (string) and its schema id (SDK tests).
pub const METADATA_TAG: (&str, &str) = ("tag", "cko8s9r5v0001h2dk9elqdidh");
/// Reserved metadata field `split` (enum).
pub const METADATA_SPLIT: (&str, &str) = ("split", "cko8sbczn0002h2dkdaxb5kal");
/// Option ids of `split` that are known: `train` and `test` (the `valid` id was not found).
pub const METADATA_SPLIT_OPTIONS: [(&str, &str); 2] = [
    ("train", "cko8sbscr0003h2dk04w86hof"),
    ("test", "cko8scbz70005h2dkastwhgqt"),
];
/// Reserved metadata field `captureDateTime` (datetime).
pub const METADATA_CAPTURE_DATETIME: (&str, &str) =
    ("captureDateTime", "cko8sdzv70006h2dk8jg64zvb");

/// Most ids one SDK id filter may carry (`data_row_ids`, `global_keys`, `batch_ids`).
pub const MAX_FILTER_IDS: usize = 2000;
