package io.ragplatform.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings the JMH benchmarks on the handbook share (JMH reads these annotations from the superclass): one
 * state per benchmark, 3 warm-up and 5 measured iterations of 2 s, one fork with the flags the in-process models need
 * (the Vector API, and native access for ONNX Runtime and the tokenizer). Each benchmark adds its mode and time unit.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public abstract class HandbookBenchmark {}
