/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.Locale;

import org.openjdk.jmh.results.Result;

/**
 * A measured value with the half-width of its confidence interval: JMH's score and score error
 * (99.9%, from Student's t over the measured iterations of every fork). An error JMH could not
 * compute, from too few iterations, counts as unbounded, so that no verdict rests on it.
 * @param value the score
 * @param error the half-width of its interval, never negative, infinite when unknown
 */
record Score(double value, double error) {

	Score {
		error = (Double.isNaN(error) || error < 0) ? Double.POSITIVE_INFINITY : error;
	}

	/**
	 * Return the primary or a secondary score of a JMH result.
	 */
	static Score of(Result<?> result) {
		return new Score(result.getScore(), result.getScoreError());
	}

	double low() {
		return this.value - this.error;
	}

	double high() {
		return this.value + this.error;
	}

	/**
	 * Return this score minus another, with the widest interval the two allow.
	 */
	Score minus(Score other) {
		return new Score(this.value - other.value, this.error + other.error);
	}

	/**
	 * Return this score over another, both positive, with the widest interval the two allow.
	 */
	Interval over(Score other) {
		double high = (other.low() > 0) ? this.high() / other.low() : Double.POSITIVE_INFINITY;
		return new Interval(this.value / other.value, Math.max(0, this.low()) / other.high(), high);
	}

	/**
	 * Return the score and its error with the given number of decimals, as {@code 55.6 ± 3.2}.
	 */
	String format(int decimals) {
		String number = "%." + decimals + "f";
		if (Double.isInfinite(this.error)) {
			return String.format(Locale.ROOT, number + " ± ?", this.value);
		}
		return String.format(Locale.ROOT, number + " ± " + number, this.value, this.error);
	}

	/**
	 * A ratio and the interval it lies in.
	 * @param value the ratio of the scores
	 * @param low the ratio at the least favourable ends of both intervals
	 * @param high the ratio at the most favourable ends
	 */
	record Interval(double value, double low, double high) {

		/**
		 * Return the ratio as {@code 0.95× (0.81–1.10)}.
		 */
		String format() {
			String high = Double.isInfinite(this.high) ? "∞" : String.format(Locale.ROOT, "%.2f", this.high);
			return String.format(Locale.ROOT, "%.2f× (%.2f–%s)", this.value, this.low, high);
		}

	}

}
