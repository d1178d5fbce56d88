/**
 * Building evaluation sets from outside data, ready for {@link io.ragplatform.eval.store.EvalStore#createVersion}.
 *
 * <ul>
 *   <li>{@link io.ragplatform.eval.sets.BeirArchive}: a BEIR dataset zip ({@code corpus.jsonl}, {@code queries.jsonl},
 *       {@code qrels/<split>.tsv}) as document-level gold, with its corpus streamed for ingestion.
 *   <li>{@link io.ragplatform.eval.sets.ChatLogSetBuilder}: a chat/query log (JSON lines) as a dev/test split with
 *       chunk-level gold from the cited chunks, near-duplicate queries kept on one side of the split.
 * </ul>
 *
 * <p>Input is always read as UTF-8 (a byte-order mark at the start is skipped), line by line with a cap on a line's
 * length, and per-input outcomes (skipped, merged, unknown) come back as data in a report rather than as log lines.
 */
package io.ragplatform.eval.sets;
