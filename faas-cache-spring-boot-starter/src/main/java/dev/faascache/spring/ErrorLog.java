/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.faascache.Ticker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the errors of a second level at most once per interval, as a warning that says how many
 * errors were not logged since the last one, so that an outage does not flood the logs. Every
 * error is logged with its stack trace at debug level.
 */
final class ErrorLog {

	private static final Log logger = LogFactory.getLog(SecondLevel.class);

	private final Ticker ticker;

	private final long intervalNanos;

	private final AtomicLong nextLogAt;

	private final AtomicLong unlogged = new AtomicLong();

	private final String failure;

	/**
	 * Create a log.
	 * @param ticker the source of time
	 * @param interval the shortest time between two warnings
	 * @param failure what failed, before the operation, such as "failed to"
	 */
	ErrorLog(Ticker ticker, Duration interval, String failure) {
		this.failure = failure;
		this.ticker = ticker;
		this.intervalNanos = interval.toNanos();
		this.nextLogAt = new AtomicLong(ticker.read());
	}

	/**
	 * Log an error, or count it if one was logged less than an interval ago.
	 * @param cacheName the cache whose second level failed
	 * @param operation what the cache asked of it, such as "get"
	 * @param ex the error
	 */
	void error(String cacheName, String operation, Throwable ex) {
		long now = this.ticker.read();
		long next = this.nextLogAt.get();
		if (now - next >= 0 && this.nextLogAt.compareAndSet(next, now + this.intervalNanos)) {
			long skipped = this.unlogged.getAndSet(0);
			logger.warn("Second level of cache '" + cacheName + "' " + this.failure + " " + operation
					+ "; going on without it" + ((skipped > 0) ? " (" + skipped + " more errors since the last report)" : "")
					+ ": " + ex);
		}
		else {
			this.unlogged.incrementAndGet();
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Second level of cache '" + cacheName + "' " + this.failure + " " + operation, ex);
		}
	}

}
