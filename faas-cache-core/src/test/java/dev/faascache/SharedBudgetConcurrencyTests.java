/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.faascache.FaasCacheSoakTests.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several threads writing to three caches that share one {@link SharedBudget}, each cache with
 * bounds of its own. After every write, the writing thread checks that the budget holds, and a
 * watcher checks it without pause all along: the budget must hold at every moment, not only once
 * the writers are done. At the end every value stored is held or was reported removed exactly
 * once, and the budget's total equals the members' totals, each a fresh measurement of what the
 * member holds.
 */
class SharedBudgetConcurrencyTests {

	private static final int WORKERS = 4;

	private static final int OPS_PER_WORKER = 25_000;

	private static final int KEYS = 400;

	/** Every key weighs this much; a value weighs its payload's length. */
	private static final long KEY_BYTES = 16;

	private final FakeTicker ticker = new FakeTicker();

	private final Sizer sizer = (object) -> (object instanceof Value value) ? value.payload().length : KEY_BYTES;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Value, Boolean> stored = new ConcurrentHashMap<>();

	private final Map<Value, AtomicInteger> removed = new ConcurrentHashMap<>();

	private final Queue<String> failures = new ConcurrentLinkedQueue<>();

	private final long empty = newMember(SharedBudget.of("1M"), null, null).getByteSize();

	/** Bytes of a member's structure once it made its timer wheel and read buffer. */
	private final long grown = this.empty + TimerWheel.BUCKETS_BYTES + ReadBuffer.BYTES;

	private final SharedBudget budget = SharedBudget.of(3 * (this.grown + Layout.tableBytes(KEYS)) + 40_000);

	private final List<FaasCache<Integer, Value>> members = List.of(newMember(this.budget, null, null),
			newMember(this.budget, 120L, null), newMember(this.budget, null, this.grown + Layout.tableBytes(KEYS) + 12_000));

	private FaasCache<Integer, Value> newMember(SharedBudget budget, Long maxItems, Long maxBytes) {
		FaasCache.Builder<Integer, Value> builder = FaasCache.<Integer, Value>builder()
			.sharedBudget(budget)
			.ticker(this.ticker)
			.sizer(this.sizer)
			.defaultTtl(Duration.ofMillis(50))
			.removalListener(this::onRemoval);
		if (maxItems != null) {
			builder.maxItems(maxItems);
		}
		if (maxBytes != null) {
			builder.maxSize(maxBytes);
		}
		return builder.build();
	}

	private void onRemoval(Integer key, Value value, RemovalCause cause) {
		if (value.key() != key) {
			this.failures.add(value + " reported under key " + key);
		}
		this.removed.computeIfAbsent(value, (v) -> new AtomicInteger()).incrementAndGet();
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void concurrentWriters_budgetHoldsAtEveryMomentAndNothingIsLost() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(WORKERS + 1);
		CyclicBarrier start = new CyclicBarrier(WORKERS + 1);
		AtomicBoolean done = new AtomicBoolean();
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < WORKERS; w++) {
			SplittableRandom random = new SplittableRandom(w);
			int worker = w;
			workers.add(threads.submit(() -> {
				start.await();
				for (int i = 0; i < OPS_PER_WORKER; i++) {
					operate(random);
					if (worker == 0 && i % 100 == 0) {
						this.ticker.advance(Duration.ofMillis(3));
					}
				}
				return null;
			}));
		}
		Future<Long> watcher = threads.submit(() -> {
			start.await();
			long readings = 0;
			while (!done.get()) {
				checkBudget("watcher");
				readings++;
			}
			return readings;
		});
		for (Future<?> worker : workers) {
			worker.get(90, TimeUnit.SECONDS);
		}
		done.set(true);
		assertThat(watcher.get(10, TimeUnit.SECONDS)).isPositive();
		threads.shutdown();
		assertThat(this.failures).as("failures seen by the threads").isEmpty();
		assertQuiescentState();
	}

	private void operate(SplittableRandom random) {
		FaasCache<Integer, Value> cache = this.members.get(random.nextInt(this.members.size()));
		int key = random.nextInt(KEYS);
		Value value = new Value(this.ids.incrementAndGet(), key, new byte[random.nextInt(2_000)]);
		try {
			switch (random.nextInt(10)) {
				case 0, 1 -> {
					cache.put(key, value);
					this.stored.put(value, true);
				}
				case 2 -> {
					cache.put(key, value, Duration.ofMillis(1 + random.nextInt(20)));
					this.stored.put(value, true);
				}
				case 3 -> storedIf(cache.putIfAbsent(key, value) == null, value);
				case 4 -> storedIf(cache.compute(key, (k, old) -> value) == value, value);
				case 5 -> storedIf(cache.merge(key, value, (old, given) -> given) == value, value);
				case 6 -> storedIf(cache.replace(key, value) != null, value);
				case 7 -> storedIf(cache.computeIfAbsent(key, (k) -> value) == value, value);
				case 8 -> cache.remove(key);
				default -> cache.get(key);
			}
		}
		catch (EntryTooLargeException ex) {
			// a large value for the cache whose own bound is small: refused, nothing stored
		}
		checkBudget("after a write");
		if (random.nextInt(5_000) == 0) {
			cache.clear();
		}
	}

	private void storedIf(boolean condition, Value value) {
		if (condition) {
			this.stored.put(value, true);
		}
	}

	private void checkBudget(String when) {
		long bytes = this.budget.getByteSize();
		if (bytes > this.budget.getMaxSize().toBytes()) {
			this.failures.add(when + ": the budget held " + bytes + " bytes, over " + this.budget.getMaxSize());
		}
	}

	private void assertQuiescentState() {
		long total = 0;
		Map<Value, Integer> held = new HashMap<>();
		for (FaasCache<Integer, Value> member : this.members) {
			member.cleanUp();
			assertThat(member.structureBytes()).isIn(this.empty + TimerWheel.BUCKETS_BYTES, this.grown);
			long measured = member.structureBytes() + member.tableBytes();
			for (Map.Entry<Integer, Value> entry : member.entrySet()) {
				assertThat(entry.getValue().key()).isEqualTo(entry.getKey());
				held.merge(entry.getValue(), 1, Integer::sum);
				measured += this.sizer.sizeOf(entry.getKey()) + this.sizer.sizeOf(entry.getValue()) + Layout.NODE_OVERHEAD;
			}
			assertThat(member.getByteSize()).as("member bytes accounted vs measured").isEqualTo(measured);
			member.getMaxSize().ifPresent((max) -> assertThat(member.getByteSize()).isLessThanOrEqualTo(max.toBytes()));
			total += member.getByteSize();
		}
		assertThat(this.budget.getByteSize()).isEqualTo(total).isLessThanOrEqualTo(this.budget.getMaxSize().toBytes());
		List<String> wrong = new ArrayList<>();
		for (Value value : this.stored.keySet()) {
			AtomicInteger reports = this.removed.get(value);
			int fate = ((reports != null) ? reports.get() : 0) + held.getOrDefault(value, 0);
			if (fate != 1) {
				wrong.add(value + " held or reported " + fate + " times");
			}
		}
		this.removed.keySet()
			.stream()
			.filter((value) -> !this.stored.containsKey(value))
			.forEach((value) -> wrong.add(value + " reported removed but never stored"));
		assertThat(wrong).as("values not held or reported exactly once").isEmpty();
		assertThat(this.stored).as("values stored").hasSizeGreaterThan(10_000);
		assertThat(this.removed).as("values removed").hasSizeGreaterThan(10_000);
	}

}
