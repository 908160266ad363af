/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A thread's reads that hit and that missed, reported by JMH beside the throughput as the
 * secondary results {@code hits} and {@code misses}, summed over threads and iterations: their
 * ratio is the hit ratio of the measured reads, so that a cache that misses more cannot pass for
 * a faster one.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class HitCounter {

	public long hits;

	public long misses;

	/**
	 * Count each iteration afresh, warm-up iterations included, as JMH does not reset counters.
	 */
	@Setup(Level.Iteration)
	public void reset() {
		this.hits = 0;
		this.misses = 0;
	}

	/**
	 * Count a read and return what it read.
	 */
	Object count(Object value) {
		if (value != null) {
			this.hits++;
		}
		else {
			this.misses++;
		}
		return value;
	}

}
