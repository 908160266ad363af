/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long run of every map operation and every time-to-live method from {@value #WORKERS} threads,
 * with time moving under them and bounds that bite all the time and change between rounds. After
 * each round, with the threads paused, the cache must be within its bounds and its byte total
 * equal to a fresh measurement of what it holds. At the end: every value ever stored was reported
 * removed exactly once, the statistics equal what the threads saw, and no thread ever read a value
 * that was not the last one written for its key or that had outlived its time to live.
 * <p>
 * The run lasts {@code -Dfaascache.soak.seconds} (default 30; the issue allows up to 60 in CI).
 */
class FaasCacheSoakTests {

	private static final int WORKERS = 8;

	private static final long SECONDS = Long.getLong("faascache.soak.seconds", 30);

	private static final int OPS_PER_ROUND = 2_000;

	private static final int SHARED_KEYS = 3_000;

	private static final int PRIVATE_KEYS = 64;

	private static final long[] MAX_ITEMS = { 1_500, 300 };

	private static final long[] ENTRY_BUDGET = { 400_000, 120_000 };

	private final FakeTicker ticker = new FakeTicker();

	private final Sizer sizer = Sizer.deep();

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, Value> installed = new ConcurrentHashMap<>();

	private final Map<Long, List<RemovalCause>> removed = new ConcurrentHashMap<>();

	/** Private values a thread found gone before their time to live: they must have been evicted. */
	private final Queue<Value> vanished = new ConcurrentLinkedQueue<>();

	private final Queue<String> failures = new ConcurrentLinkedQueue<>();

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder rejections = new LongAdder();

	private final LongAdder operations = new LongAdder();

	private final FaasCache<Integer, Value> cache = FaasCache.<Integer, Value>builder()
		.maxItems(MAX_ITEMS[0])
		.maxSize(structureBytes() + ENTRY_BUDGET[0])
		.defaultTtl(Duration.ofMillis(200))
		.ticker(this.ticker)
		.sizer(this.sizer)
		.removalListener(this::onRemoval)
		.build();

	/** A value that is a new object on every write and knows its key; equal only to itself. */
	record Value(long id, int key, byte[] payload) {

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.id);
		}

		@Override
		public String toString() {
			return "Value[" + this.id + ", key=" + this.key + "]";
		}

	}

	private static long structureBytes() {
		return FaasCache.builder().build().getByteSize();
	}

	private void onRemoval(Integer key, Value value, RemovalCause cause) {
		if (value.key() != key) {
			this.failures.add(value + " reported under key " + key);
		}
		this.removed.computeIfAbsent(value.id(), (id) -> new ArrayList<>()).add(cause);
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void mixedOperationsWithTtlsAndBounds_loseNothingAndKeepEveryBound() throws Exception {
		CyclicBarrier roundEnd = new CyclicBarrier(WORKERS + 1);
		CyclicBarrier roundStart = new CyclicBarrier(WORKERS + 1);
		ExecutorService threads = Executors.newFixedThreadPool(WORKERS);
		List<Future<?>> workers = new ArrayList<>();
		AtomicBoolean stop = new AtomicBoolean();
		for (int t = 0; t < WORKERS; t++) {
			Worker worker = new Worker(t, new SplittableRandom(t));
			workers.add(threads.submit(() -> {
				do {
					worker.runRound();
					roundEnd.await();
					roundStart.await();
				}
				while (!stop.get());
				return null;
			}));
		}
		long deadline = Ticker.systemTicker().read() + Duration.ofSeconds(SECONDS).toNanos();
		int rounds = 0;
		try {
			rounds = runRounds(roundEnd, roundStart, stop, deadline);
			for (Future<?> worker : workers) {
				worker.get(1, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.failures).as("failures seen by the threads").isEmpty();

		CacheStats stats = this.cache.stats();
		long empty = this.cache.structureBytes();
		assertThat(empty).as("structure: the empty one, the wheel, maybe the read buffer")
			.isIn(structureBytes() + JvmLayout.wheelBytes(), structureBytes() + JvmLayout.wheelBytes() + ReadBuffer.BYTES);
		this.cache.clear();
		assertThat(this.cache.getByteSize()).as("bytes when empty").isEqualTo(empty + this.cache.tableBytes());
		assertEveryValueRemovedOnce();
		for (Value value : this.vanished) {
			assertThat(this.removed.get(value.id())).as("%s read as absent", value).singleElement()
				.isIn(RemovalCause.SIZE, RemovalCause.ITEMS, RemovalCause.EXPIRED);
		}
		Map<RemovalCause, Long> causes = countCauses();
		assertThat(stats.hitCount()).as("hits").isEqualTo(this.hits.sum());
		assertThat(stats.missCount()).as("misses").isEqualTo(this.misses.sum());
		assertThat(stats.requestCount()).isEqualTo(this.hits.sum() + this.misses.sum());
		assertThat(stats.putCount()).as("puts").isEqualTo(this.installed.size());
		assertThat(stats.rejectionCount()).as("rejections").isEqualTo(this.rejections.sum());
		assertThat(stats.sizeEvictionCount()).isEqualTo(causes.get(RemovalCause.SIZE)).isPositive();
		assertThat(stats.itemsEvictionCount()).isEqualTo(causes.get(RemovalCause.ITEMS)).isPositive();
		assertThat(stats.expirationCount()).isEqualTo(causes.get(RemovalCause.EXPIRED)).isPositive();
		assertThat(this.rejections.sum()).isPositive();
		System.out.printf("Soak: %d s, %d threads, %d rounds, %d operations, %d values stored, removals %s, %s%n",
				SECONDS, WORKERS, rounds, this.operations.sum(), this.installed.size(), causes, stats);
	}

	/**
	 * Let the workers run round after round until the deadline, checking the cache while they
	 * wait between rounds and changing its bounds for the next one.
	 * @return the number of rounds run
	 */
	private int runRounds(CyclicBarrier roundEnd, CyclicBarrier roundStart, AtomicBoolean stop, long deadline)
			throws Exception {
		int rounds = 0;
		while (true) {
			roundEnd.await(1, TimeUnit.MINUTES);
			rounds++;
			checkQuiescent(rounds);
			if (Ticker.systemTicker().read() >= deadline || !this.failures.isEmpty()) {
				stop.set(true);
				roundStart.await();
				return rounds;
			}
			this.cache.changeMaxItems(MAX_ITEMS[rounds % 2]);
			this.cache.changeByteSize(structureBytes() + ENTRY_BUDGET[(rounds / 2) % 2]);
			checkBounds("after changing bounds");
			roundStart.await();
		}
	}

	private void checkQuiescent(int round) {
		checkBounds("round " + round);
		this.cache.cleanUp();
		long measured = this.cache.structureBytes() + this.cache.tableBytes();
		int live = 0;
		for (Map.Entry<Integer, Value> entry : this.cache.entrySet()) {
			measured += this.sizer.sizeOf(entry.getKey()) + this.sizer.sizeOf(entry.getValue()) + JvmLayout.nodeBytes();
			live++;
		}
		if (this.cache.getByteSize() != measured || this.cache.size() != live) {
			this.failures.add("round " + round + ": accounted " + this.cache.getByteSize() + " bytes and "
					+ this.cache.size() + " items, measured " + measured + " bytes and " + live + " items");
		}
	}

	private void checkBounds(String when) {
		long maxBytes = this.cache.getMaxSize().orElseThrow().toBytes();
		long maxItems = this.cache.getMaxItems().orElseThrow();
		if (this.cache.getByteSize() > maxBytes || this.cache.size() > maxItems) {
			this.failures.add(when + ": " + this.cache + " exceeds maxSize " + maxBytes + " or maxItems " + maxItems);
		}
	}

	private void assertEveryValueRemovedOnce() {
		for (Map.Entry<Long, List<RemovalCause>> removal : this.removed.entrySet()) {
			assertThat(this.installed).as("value %s was reported removed but never stored", removal.getKey())
				.containsKey(removal.getKey());
			assertThat(removal.getValue()).as("removals of value %s", removal.getKey()).hasSize(1);
		}
		assertThat(this.removed).as("values reported removed").hasSameSizeAs(this.installed);
	}

	private Map<RemovalCause, Long> countCauses() {
		Map<RemovalCause, Long> causes = new EnumMap<>(RemovalCause.class);
		for (RemovalCause cause : RemovalCause.values()) {
			causes.put(cause, 0L);
		}
		this.removed.values().forEach((list) -> list.forEach((cause) -> causes.merge(cause, 1L, Long::sum)));
		return causes;
	}

	/** One thread's operations; it alone writes its private keys, so it knows what they must hold. */
	private final class Worker {

		private final int thread;

		private final SplittableRandom random;

		/** Last value this thread stored under each private key, with its deadline bound. */
		private final Map<Integer, Written> privateValues = new HashMap<>();

		Worker(int thread, SplittableRandom random) {
			this.thread = thread;
			this.random = random;
		}

		void runRound() {
			for (int i = 0; i < OPS_PER_ROUND; i++) {
				if (this.random.nextInt(20) == 0) {
					FaasCacheSoakTests.this.ticker.advance(Duration.ofMillis(this.random.nextInt(3)));
				}
				if (this.random.nextInt(4) == 0) {
					privateOperation();
				}
				else {
					sharedOperation(this.random.nextInt(SHARED_KEYS));
				}
				FaasCacheSoakTests.this.operations.increment();
			}
		}

		/**
		 * Write or read a key no other thread touches: a read must return the last value written
		 * or nothing, and nothing once the time to live has certainly passed.
		 */
		private void privateOperation() {
			int key = -1 - (this.thread * PRIVATE_KEYS + this.random.nextInt(PRIVATE_KEYS));
			FaasCache<Integer, Value> cache = FaasCacheSoakTests.this.cache;
			if (this.random.nextBoolean()) {
				Value value = newValue(key, 64);
				Duration ttl = Duration.ofMillis(1 + this.random.nextInt(300));
				cache.put(key, value, ttl);
				stored(value);
				this.privateValues.put(key, new Written(value, FaasCacheSoakTests.this.ticker.read() + ttl.toNanos()));
				return;
			}
			Written written = this.privateValues.get(key);
			long before = FaasCacheSoakTests.this.ticker.read();
			Value read = read(key);
			if (written == null) {
				return;
			}
			if (read != null && read != written.value()) {
				FaasCacheSoakTests.this.failures.add("key " + key + " read " + read + ", last written " + written.value());
			}
			else if (read != null && before >= written.expiresNoLaterThan()) {
				FaasCacheSoakTests.this.failures.add("key " + key + " served " + read + " after its time to live");
			}
			else if (read == null) {
				FaasCacheSoakTests.this.vanished.add(written.value());
				this.privateValues.remove(key);
			}
		}

		private void sharedOperation(int key) {
			FaasCache<Integer, Value> cache = FaasCacheSoakTests.this.cache;
			Value value = newValue(key, 512);
			switch (this.random.nextInt(16)) {
				case 0, 1, 2 -> read(key);
				case 3 -> {
					cache.put(key, value);
					stored(value);
				}
				case 4 -> {
					cache.put(key, value, Duration.ofMillis(1 + this.random.nextInt(500)));
					stored(value);
				}
				case 5 -> storedIf(cache.putIfAbsent(key, value) == null, value);
				case 6 -> storedIf(cache.replace(key, value) != null, value);
				case 7 -> {
					Value old = cache.getOrDefault(key, value);
					countRead(old != value);
					storedIf(cache.replace(key, old, value), value);
				}
				case 8 -> cache.remove(key);
				case 9 -> {
					Node<Integer, Value> node = cache.peekLiveNode(key);
					cache.remove(key, (node != null) ? node.value : value);
				}
				case 10 -> storedIf(cache.compute(key, (k, old) -> (old == null || this.random.nextBoolean()) ? value : null) == value, value);
				case 11 -> storedIf(cache.merge(key, value, (old, given) -> given) == value, value);
				case 12 -> computeIfAbsent(key, value);
				case 13 -> storedIf(cache.computeIfPresent(key, (k, old) -> value) == value, value);
				case 14 -> changeTtl(key);
				default -> oddOperation(key);
			}
		}

		private void computeIfAbsent(int key, Value value) {
			boolean[] called = { false };
			Value result = FaasCacheSoakTests.this.cache.computeIfAbsent(key, (k) -> {
				called[0] = true;
				return value;
			});
			countRead(!called[0]);
			storedIf(result == value, value);
		}

		private void changeTtl(int key) {
			try {
				if (this.random.nextBoolean()) {
					FaasCacheSoakTests.this.cache.setTtl(key, Duration.ofMillis(1 + this.random.nextInt(400)));
				}
				else {
					FaasCacheSoakTests.this.cache.getTtl(key);
				}
			}
			catch (NoSuchElementException ex) {
				// the key was absent or expired: allowed, and nothing changed
			}
		}

		/** Rarer operations: a value larger than the whole budget, iteration, removal through a view. */
		private void oddOperation(int key) {
			FaasCache<Integer, Value> cache = FaasCacheSoakTests.this.cache;
			switch (this.random.nextInt(20)) {
				case 0 -> {
					try {
						cache.put(key, new Value(FaasCacheSoakTests.this.ids.incrementAndGet(), key,
								new byte[(int) ENTRY_BUDGET[0] + 1]));
						FaasCacheSoakTests.this.failures.add("a value larger than the budget was stored");
					}
					catch (EntryTooLargeException ex) {
						FaasCacheSoakTests.this.rejections.increment();
					}
				}
				case 1, 2, 3, 4, 5, 6, 7, 8, 9 -> {
					Iterator<Map.Entry<Integer, Value>> entries = cache.entrySet().iterator();
					for (int i = 0; i < 5 && entries.hasNext(); i++) {
						Map.Entry<Integer, Value> entry = entries.next();
						if (entry.getValue().key() != entry.getKey()) {
							FaasCacheSoakTests.this.failures.add(entry.getValue() + " iterated under key " + entry.getKey());
						}
					}
				}
				default -> cache.keySet().remove(key);
			}
		}

		private Value read(int key) {
			Value value = FaasCacheSoakTests.this.cache.get(key);
			countRead(value != null);
			if (value != null && value.key() != key) {
				FaasCacheSoakTests.this.failures.add(value + " read under key " + key);
			}
			return value;
		}

		private void countRead(boolean hit) {
			(hit ? FaasCacheSoakTests.this.hits : FaasCacheSoakTests.this.misses).increment();
		}

		private Value newValue(int key, int maxPayload) {
			return new Value(FaasCacheSoakTests.this.ids.incrementAndGet(), key, new byte[this.random.nextInt(maxPayload)]);
		}

		private void storedIf(boolean condition, Value value) {
			if (condition) {
				stored(value);
			}
		}

		private void stored(Value value) {
			if (FaasCacheSoakTests.this.installed.put(value.id(), value) != null) {
				FaasCacheSoakTests.this.failures.add(value + " stored twice");
			}
		}

	}

	private record Written(Value value, long expiresNoLaterThan) {
	}

}
