/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.util.Arrays;
import java.util.List;

/**
 * The median of paired differences {@code a[i] - b[i]} with a distribution-free confidence
 * interval for it, read from the order statistics of the differences (the sign test's interval):
 * the k-th smallest and k-th largest difference for the largest k whose chance of missing the
 * median is at most 5%. Below six pairs no such k exceeds one, so the interval runs from the
 * smallest to the largest difference, with confidence {@code 1 - 2^(1-n)}.
 * @param median the median of the differences
 * @param low the lower end of the interval
 * @param high the upper end of the interval
 * @param confidence the chance that the interval holds the median of the differences
 */
record PairedDifference(double median, double low, double high, double confidence) {

	private static final double MISS = 0.05;

	/**
	 * Return the median of the differences between the pairs and its interval.
	 * @param a the first of each pair
	 * @param b the second of each pair, in the same order
	 * @return the median and its interval
	 * @throws IllegalArgumentException if the lists are empty or differ in length
	 */
	static PairedDifference of(List<? extends Number> a, List<? extends Number> b) {
		int n = a.size();
		if (n == 0 || n != b.size()) {
			throw new IllegalArgumentException(
					"Paired differences need as many values on each side, at least one, but had " + n + " and " + b.size());
		}
		double[] differences = new double[n];
		for (int i = 0; i < n; i++) {
			differences[i] = a.get(i).doubleValue() - b.get(i).doubleValue();
		}
		Arrays.sort(differences);
		// below[k] = P(X <= k) for X ~ Binomial(n, 1/2): the chance that the k+1-th smallest lies above the median
		double probability = Math.pow(0.5, n);
		double below = probability;
		int rank = 0;
		double missed = below;
		for (int k = 1; k < (n - 1) / 2.0; k++) {
			probability = probability * (n - k + 1) / k;
			below += probability;
			if (2 * below > MISS) {
				break;
			}
			rank = k;
			missed = below;
		}
		return new PairedDifference(median(differences), differences[rank], differences[n - 1 - rank], 1 - 2 * missed);
	}

	/**
	 * Return the median of sorted values: the middle one, or the mean of the middle two.
	 */
	private static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * Return the median of the values.
	 * @param values the values, at least one
	 * @return the median
	 */
	static double median(List<? extends Number> values) {
		return median(values.stream().mapToDouble(Number::doubleValue).sorted().toArray());
	}

}
