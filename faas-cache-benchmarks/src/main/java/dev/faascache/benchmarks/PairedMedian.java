/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The median of paired differences and a distribution-free confidence interval for it, from the
 * order statistics of the differences (the sign test's interval): the widest ranks whose chance
 * of missing the median is at most 5%, or, below six pairs, where none is, the smallest and the
 * largest difference, whose confidence is {@code 1 - 2^(1-n)}.
 * @param median the median of the differences
 * @param low the lower end of the interval
 * @param high the upper end of the interval
 * @param confidence the chance that the interval holds the median of the differences
 */
record PairedMedian(double median, double low, double high, double confidence) {

	/**
	 * Return the median of the differences {@code metric(with[i]) - metric(without[i])}.
	 * @throws IllegalArgumentException if the lists are empty or differ in length
	 */
	static <T> PairedMedian of(List<T> with, List<T> without, ToDoubleFunction<? super T> metric) {
		int n = with.size();
		if (n == 0 || n != without.size()) {
			throw new IllegalArgumentException("Pairs need as many samples with as without, at least one, but had "
					+ n + " and " + without.size());
		}
		double[] deltas = new double[n];
		for (int i = 0; i < n; i++) {
			deltas[i] = metric.applyAsDouble(with.get(i)) - metric.applyAsDouble(without.get(i));
		}
		Arrays.sort(deltas);
		// tail = P(X <= rank) for X ~ Binomial(n, 1/2): the chance the interval misses on one side
		int rank = 0;
		double tail = Math.pow(0.5, n);
		double next = tail;
		double choose = 1;
		for (int k = 1; 2 * k < n - 1; k++) {
			choose = choose * (n - k + 1) / k;
			next += choose * Math.pow(0.5, n);
			if (2 * next > 0.05) {
				break;
			}
			rank = k;
			tail = next;
		}
		return new PairedMedian(median(deltas), deltas[rank], deltas[n - 1 - rank], 1 - 2 * tail);
	}

	/**
	 * Return the median of the values, sorting them.
	 */
	static double median(double[] values) {
		Arrays.sort(values);
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	/**
	 * Return the median and its interval in the given unit.
	 */
	String format(String unit) {
		return String.format(Locale.ROOT, "%+.1f %s, between %+.1f and %+.1f", this.median, unit, this.low, this.high);
	}

}
