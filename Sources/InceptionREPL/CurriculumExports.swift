// StateStore (progress and history) lives in InceptionCurriculum, beside the checker that
// fills the progress in; re-exported so the REPL's files and tests see it as before.
@_exported import InceptionCurriculum
