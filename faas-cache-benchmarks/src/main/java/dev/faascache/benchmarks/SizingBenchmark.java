/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.faascache.Sizer;
import org.github.jamm.MemoryMeter;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Measuring one value of the reference set: the default {@link Sizer} against jamm's
 * {@code measureDeep}, the reference it must agree with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class SizingBenchmark {

	@Param({ "STRING_100", "BYTES_10K", "RECORD_WITH_LIST", "LIST_OF_100_DTOS", "MAP_OF_1000_STRINGS" })
	public ReferenceSet shape;

	private final Sizer sizer = Sizer.deep();

	private final MemoryMeter meter = MemoryMeter.builder().build();

	private Object value;

	@Setup
	public void setup() {
		this.value = this.shape.create();
		long ours = this.sizer.sizeOf(this.value);
		long jamm = this.meter.measureDeep(this.value);
		if (ours != jamm) {
			throw new IllegalStateException(this.shape + ": the deep sizer gives " + ours + " bytes, jamm " + jamm);
		}
	}

	@Benchmark
	public long deepSizer() {
		return this.sizer.sizeOf(this.value);
	}

	@Benchmark
	public long jammMeasureDeep() {
		return this.meter.measureDeep(this.value);
	}

}
