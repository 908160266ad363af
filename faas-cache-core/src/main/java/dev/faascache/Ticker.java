/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

/**
 * A source of monotonic time, in nanoseconds, that the cache uses to expire entries.
 * <p>
 * Expiry never reads the wall clock: a {@code Ticker} only has to move forward, like
 * {@link System#nanoTime()}. Tests pass a fake ticker that they advance by hand instead of
 * sleeping.
 *
 * @see FaasCache.Builder#ticker(Ticker)
 */
@FunctionalInterface
public interface Ticker {

	/**
	 * Return the number of nanoseconds elapsed since an arbitrary, fixed origin. Successive
	 * calls must never return a smaller value.
	 * @return the current time in nanoseconds
	 */
	long read();

	/**
	 * Return a ticker that reads {@link System#nanoTime()}.
	 * @return the system ticker
	 */
	static Ticker systemTicker() {
		return SystemTicker.INSTANCE;
	}

}

enum SystemTicker implements Ticker {

	INSTANCE;

	@Override
	public long read() {
		return System.nanoTime();
	}

}
