/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;

/**
 * Argument checks whose messages name the bad value and what is accepted. Those called on every
 * operation test first and build their message only on failure, so that the values are not boxed
 * into an array on each call (the C1 compiler of Lambda's Java runtime does not remove such
 * allocations).
 */
final class Checks {

	private Checks() {
	}

	static void requireArgument(boolean expression, String template, Object... args) {
		if (!expression) {
			throw new IllegalArgumentException(String.format(template, args));
		}
	}

	static void requireState(boolean expression, String template, Object... args) {
		if (!expression) {
			throw new IllegalStateException(String.format(template, args));
		}
	}

	static long requirePositive(long value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(String.format("%s must be positive but was %s", name, value));
		}
		return value;
	}

	/**
	 * Check a time to live: {@code null} means "never expires", otherwise it must be positive.
	 */
	static Duration requireValidTtl(Duration ttl, String name) {
		if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
			throw new IllegalArgumentException(
					String.format("%s must be positive, or null for no expiry, but was %s", name, ttl));
		}
		return ttl;
	}

	/**
	 * Return the duration in nanoseconds, or {@link Node#NEVER} when it is {@code null} or too
	 * long to count in nanoseconds (over 292 years).
	 */
	static long toNanosSaturated(Duration duration) {
		if (duration == null) {
			return Node.NEVER;
		}
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? Long.MIN_VALUE : Node.NEVER;
		}
	}

	static long saturatedAdd(long a, long b) {
		long sum = a + b;
		if (((a ^ sum) & (b ^ sum)) < 0) {
			return (a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return sum;
	}

}
