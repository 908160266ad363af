/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads of a key while a write of it with a time to live is under way, and another thread
 * advances the ticker: the write takes its time when it reads the clock, so a read that has seen
 * the clock move past that time must not see the key as it was before the write.
 */
class TimedWriteReadTests {

	private static final Duration TTL = Duration.ofSeconds(10);

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	private final HoldingTicker ticker = new HoldingTicker();

	@AfterEach
	void stop() {
		this.ticker.release.countDown();
		this.threads.shutdownNow();
	}

	@Test
	@Timeout(30)
	void readAfterTheClockMovedDuringAWrite_seesTheWritesOutcome_notTheValueBeforeIt() throws Exception {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().maxItems(10).ticker(this.ticker).build();
		cache.put("key", "before");
		cache.put("other", "other", TTL);
		Future<String> write = this.threads.submit(() -> {
			this.ticker.holder = Thread.currentThread();
			return cache.put("key", "written", TTL);
		});
		assertThat(this.ticker.reading.await(10, TimeUnit.SECONDS)).as("the write read the clock").isTrue();
		this.ticker.nanos += TTL.toNanos();

		Thread[] reader = new Thread[1];
		CountDownLatch started = new CountDownLatch(1);
		Future<String> read = this.threads.submit(() -> {
			reader[0] = Thread.currentThread();
			started.countDown();
			return cache.get("key");
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		ThreadStates.await(reader[0], ThreadStates.PARKED, "the read of the key waits for the write");
		assertThat(cache.get("other")).as("a read of another key does not wait, and the clock has moved").isNull();
		this.ticker.release.countDown();
		assertThat(write.get(10, TimeUnit.SECONDS)).isEqualTo("before");
		assertThat(read.get(10, TimeUnit.SECONDS)).as("written with the time before the clock moved: expired")
			.isNull();
		assertThat(cache.get("key")).isNull();
	}

	/**
	 * A ticker that another thread advances, and that holds the thread named as holder once it has
	 * read the time, until released: as if that thread were descheduled right after its read.
	 */
	private static final class HoldingTicker implements Ticker {

		volatile long nanos;

		volatile Thread holder;

		final CountDownLatch reading = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public long read() {
			long time = this.nanos;
			if (Thread.currentThread() == this.holder) {
				this.holder = null;
				this.reading.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return time;
		}

	}

}
