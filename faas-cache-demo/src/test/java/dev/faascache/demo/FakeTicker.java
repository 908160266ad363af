/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.faascache.Ticker;

/**
 * A {@link Ticker} that tests move forward by hand, so that entries expire without waiting.
 */
class FakeTicker implements Ticker {

	private final AtomicLong nanos = new AtomicLong();

	@Override
	public long read() {
		return this.nanos.get();
	}

	/**
	 * Move the time forward.
	 * @param duration how far
	 */
	void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
