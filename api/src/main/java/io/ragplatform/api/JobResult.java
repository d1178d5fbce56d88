package io.ragplatform.api;

/** What a finished job produced, shown as the job's {@code result}: an imported set version, or an eval run. */
public sealed interface JobResult permits EvalViews.BeirResult, EvalViews.RunView {}
