/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core starts no thread, whatever it does: a FaaS container is frozen between invocations,
 * so expiry and eviction run on the caller's thread. Counted by the JVM's total of threads ever
 * started, which also sees a thread that started and ended between two looks.
 */
class NoThreadTests {

	private final FakeTicker ticker = new FakeTicker();

	@Test
	void buildEvictExpireAndShareABudget_startNoThread() {
		exercise();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long before = threads.getTotalStartedThreadCount();
		int removals = exercise();
		assertThat(threads.getTotalStartedThreadCount() - before).as("threads started").isZero();
		assertThat(removals).as("removals reported").isGreaterThan(1_000);
	}

	/**
	 * Use every part of the core that does work on its own behalf: the deep sizer, eviction by
	 * bytes and by count, expiry by the timer wheel, a shared budget, resizing, snapshots.
	 * @return the number of removals reported
	 */
	private int exercise() {
		List<RemovalCause> removed = new ArrayList<>();
		SharedBudget budget = SharedBudget.of("256K");
		List<FaasCache<Integer, String>> caches = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			caches.add(FaasCache.<Integer, String>builder()
				.maxSize("192K")
				.maxItems(500)
				.defaultTtl(Duration.ofSeconds(1))
				.ticker(this.ticker)
				.sharedBudget(budget)
				.removalListener((key, value, cause) -> removed.add(cause))
				.build());
		}
		for (int i = 0; i < 2_000; i++) {
			FaasCache<Integer, String> cache = caches.get(i % 2);
			cache.put(i, "value " + i);
			cache.get(i / 2);
			if (i % 100 == 0) {
				this.ticker.advance(Duration.ofMillis(700));
			}
		}
		FaasCache<Integer, String> first = caches.get(0);
		first.advanceTime(Duration.ofHours(1));
		first.changeByteSize("64K");
		first.changeMaxItems(10);
		first.coldest(5);
		first.pollColdest();
		caches.forEach(FaasCache::cleanUp);
		caches.forEach(FaasCache::clear);
		return removed.size();
	}

}
