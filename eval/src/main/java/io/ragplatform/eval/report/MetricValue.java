package io.ragplatform.eval.report;

/**
 * One metric's value, in a list that keeps the report's metric order.
 *
 * @param name the metric's name, e.g. {@code recall@10} or {@code chunk.ndcg@10}
 * @param value its value
 */
public record MetricValue(String name, double value) {}
