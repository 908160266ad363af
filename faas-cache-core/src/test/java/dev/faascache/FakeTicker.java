/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that moves only when a test advances it, so that entries expire without waiting.
 */
public final class FakeTicker implements Ticker {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	@Override
	public long read() {
		return this.nanos.get();
	}

	/**
	 * Move the time forward.
	 * @param duration how far
	 * @return this ticker
	 */
	public FakeTicker advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
		return this;
	}

	/**
	 * Move the time forward.
	 * @param seconds how many seconds
	 * @return this ticker
	 */
	public FakeTicker advanceSeconds(long seconds) {
		return advance(Duration.ofSeconds(seconds));
	}

}
