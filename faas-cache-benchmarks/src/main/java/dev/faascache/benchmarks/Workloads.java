/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

/**
 * The synthetic request sequences of the hit-ratio simulation: keys drawn with a Zipf
 * distribution over {@link HitRatioSimulation#KEYS} keys, alone or interrupted by scans of keys
 * requested once, as a batch job listing every record would make.
 */
final class Workloads {

	/** Keys of each scan. */
	static final int SCAN = 10_000;

	/** Zipf requests between two scans. */
	static final int SCAN_EVERY = 100_000;

	private Workloads() {
	}

	/**
	 * Return {@link HitRatioSimulation#REQUESTS} keys drawn with a Zipf distribution of the given
	 * exponent, the same for the same seed.
	 */
	static long[] zipf(double exponent, long seed) {
		int[] indexes = Keys.zipf(HitRatioSimulation.KEYS, exponent, HitRatioSimulation.REQUESTS, seed);
		long[] requests = new long[indexes.length];
		for (int i = 0; i < indexes.length; i++) {
			requests[i] = indexes[i];
		}
		return requests;
	}

	/**
	 * Return the requests of {@link #zipf} with a scan of {@link #SCAN} keys never requested before
	 * after every {@link #SCAN_EVERY} of them.
	 */
	static long[] zipfWithScans(double exponent, long seed) {
		long[] zipf = zipf(exponent, seed);
		int scans = zipf.length / SCAN_EVERY;
		long[] requests = new long[zipf.length + scans * SCAN];
		long nextScanned = HitRatioSimulation.KEYS;
		int at = 0;
		for (int i = 0; i < zipf.length; i++) {
			requests[at++] = zipf[i];
			if ((i + 1) % SCAN_EVERY == 0) {
				for (int j = 0; j < SCAN; j++) {
					requests[at++] = nextScanned++;
				}
			}
		}
		return requests;
	}

}
