/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mixed operations from several threads, with time moving under them, on a cache whose bounds
 * bite all the time. Afterwards the cache must be within its bounds, its byte total must equal a
 * fresh measurement of what it holds, and every value ever stored must be either still cached or
 * reported to the removal listener exactly once.
 */
class FaasCacheConcurrencyTests {

	private static final int WORKERS = 4;

	private static final int KEYS = 400;

	private static final long MAX_ITEMS = 64;

	private static final Duration RUN_TIME = Duration.ofMillis(1500);

	@Test
	@Timeout(30)
	void mixedOperations_constantSizer_keepBoundsAndAccounting() throws InterruptedException {
		Sizer sizer = (object) -> 48;
		long entryBytes = 2 * 48 + JvmLayout.nodeBytes();
		new Run(sizer, (MAX_ITEMS - 8) * entryBytes).execute();
	}

	@Test
	@Timeout(30)
	void mixedOperations_deepSizer_keepBoundsAndAccounting() throws InterruptedException {
		// values of random size: the byte bound bites when they are large, the item bound when small
		new Run(Sizer.deep(), MAX_ITEMS * (JvmLayout.nodeBytes() + 300)).execute();
	}

	/**
	 * Regression: a write used to add the new entry's bytes to the total first and evict least
	 * recently used entries afterwards, still under the lock. {@code getByteSize()} takes no lock,
	 * so a thread reading it while another was writing could see the cache above its budget. Here
	 * the keys read the total whenever the cache hashes them, which it does while evicting, so they
	 * see it as another thread could, at the worst moment, without a race.
	 */
	@Test
	void put_evicting_neverExposesTotalOverBudget() {
		ObservedKey.Observer observer = new ObservedKey.Observer();
		long entryBytes = 2 * 32 + JvmLayout.nodeBytes();
		Sizer sizer = (object) -> 32;
		long maxBytes = FaasCache.builder().sizer(sizer).build().getByteSize() + Layout.tableBytes(3) + 3 * entryBytes;
		FaasCache<ObservedKey, String> cache = FaasCache.<ObservedKey, String>builder()
			.maxSize(maxBytes)
			.sizer(sizer)
			.build();
		observer.cache = cache;
		for (int i = 0; i < 10; i++) {
			cache.put(new ObservedKey(i, observer), "v" + i);
		}
		assertThat(cache).hasSize(3);
		assertThat(observer.highest).as("bytes seen during writes").isPositive().isLessThanOrEqualTo(maxBytes);
	}

	/**
	 * A key that, each time it is hashed, records the cache's byte total as any thread would see it.
	 */
	private record ObservedKey(int id, Observer observer) {

		@Override
		public int hashCode() {
			FaasCache<?, ?> cache = this.observer.cache;
			if (cache != null) {
				this.observer.highest = Math.max(this.observer.highest, cache.getByteSize());
			}
			return this.id;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ObservedKey that && this.id == that.id;
		}

		static final class Observer {

			FaasCache<?, ?> cache;

			long highest;

		}

	}

	/**
	 * A value that is a new object on every write, so that the test can tell each write apart
	 * (values are equal only to themselves). It carries its key and a payload of random size, so
	 * that the deep sizer gives entries different weights.
	 */
	private static final class Value {

		final Integer key;

		final byte[] payload;

		Value(Integer key) {
			this.key = key;
			this.payload = new byte[ThreadLocalRandom.current().nextInt(512)];
		}

		@Override
		public String toString() {
			return "Value@" + Integer.toHexString(System.identityHashCode(this)) + "[key=" + this.key + "]";
		}

	}

	private static final class Run {

		private final Sizer sizer;

		private final long maxBytes;

		private final FakeTicker ticker = new FakeTicker();

		private final Set<Value> written = ConcurrentHashMap.newKeySet();

		private final Map<Value, AtomicInteger> removed = new ConcurrentHashMap<>();

		private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean stop = new AtomicBoolean();

		private final FaasCache<Integer, Value> cache;

		Run(Sizer sizer, long entriesBytes) {
			this.sizer = sizer;
			this.maxBytes = build(Long.MAX_VALUE).getByteSize() + Layout.tableBytes(MAX_ITEMS) + entriesBytes;
			this.cache = build(this.maxBytes);
		}

		private FaasCache<Integer, Value> build(long maxBytes) {
			return FaasCache.<Integer, Value>builder()
				.maxItems(MAX_ITEMS)
				.maxSize(maxBytes)
				.defaultTtl(Duration.ofMillis(300))
				.ticker(this.ticker)
				.sizer(this.sizer)
				.removalListener(this::onRemoval)
				.build();
		}

		private void onRemoval(Integer key, Value value, RemovalCause cause) {
			if (!key.equals(value.key)) {
				this.failures.add(new AssertionError("Removal of " + value + " reported under key " + key));
			}
			this.removed.computeIfAbsent(value, (v) -> new AtomicInteger()).incrementAndGet();
		}

		void execute() throws InterruptedException {
			long empty = build(this.maxBytes).getByteSize();
			ExecutorService threads = Executors.newFixedThreadPool(WORKERS + 1);
			long deadline = Ticker.systemTicker().read() + RUN_TIME.toNanos();
			threads.execute(guarded(() -> advanceTime(deadline)));
			for (int i = 0; i < WORKERS; i++) {
				threads.execute(guarded(() -> work(deadline)));
			}
			threads.shutdown();
			boolean finished = threads.awaitTermination(RUN_TIME.toSeconds() + 10, TimeUnit.SECONDS);
			if (!finished) {
				this.stop.set(true);
				threads.shutdownNow();
			}
			assertThat(finished).as("workers finished; a deadlock?").isTrue();
			assertThat(this.failures).as("failures in workers").isEmpty();
			this.cache.cleanUp();
			assertConsistent(empty);
		}

		/**
		 * Check the bounds, the byte total and the fate of every value stored, once all is quiet.
		 * @param empty the bytes of an empty cache built the same way
		 */
		private void assertConsistent(long empty) {
			CacheStats stats = this.cache.stats();
			assertThat(stats.sizeEvictionCount() + stats.itemsEvictionCount()).as("evictions").isPositive();
			assertThat(stats.expirationCount()).as("expirations").isPositive();
			Map<Integer, Value> held = new HashMap<>(this.cache);
			assertThat(this.cache.size()).as("size() after cleanUp()").isEqualTo(held.size());
			assertThat(held.size()).isLessThanOrEqualTo((int) MAX_ITEMS);
			assertThat(this.cache.getByteSize()).isLessThanOrEqualTo(this.maxBytes);
			assertThat(this.cache.structureBytes()).as("structure: the empty one, the wheel, maybe the read buffer")
				.isIn(empty + JvmLayout.wheelBytes(), empty + JvmLayout.wheelBytes() + ReadBuffer.BYTES);
			long measured = this.cache.structureBytes();
			for (Map.Entry<Integer, Value> entry : held.entrySet()) {
				assertThat(entry.getValue().key).isEqualTo(entry.getKey());
				measured += this.sizer.sizeOf(entry.getKey()) + this.sizer.sizeOf(entry.getValue())
						+ JvmLayout.nodeBytes();
			}
			assertThat(this.cache.getByteSize()).as("bytes accounted vs measured")
				.isEqualTo(measured + this.cache.tableBytes());
			assertThat(LongStream.rangeClosed(1, MAX_ITEMS).mapToObj(Layout::tableBytes))
				.as("hash table sized for at most the item bound")
				.contains(this.cache.tableBytes());
			List<String> wrong = new ArrayList<>();
			for (Value value : this.written) {
				AtomicInteger reports = this.removed.get(value);
				int fate = ((reports != null) ? reports.get() : 0) + ((held.get(value.key) == value) ? 1 : 0);
				if (fate != 1) {
					wrong.add(value + " held or reported " + fate + " times");
				}
			}
			this.removed.keySet()
				.stream()
				.filter((value) -> !this.written.contains(value))
				.forEach((value) -> wrong.add(value + " reported removed but never stored"));
			held.values()
				.stream()
				.filter((value) -> !this.written.contains(value))
				.forEach((value) -> wrong.add(value + " held but never stored"));
			assertThat(wrong).as("values not held or reported exactly once").isEmpty();
			assertThat(this.written).as("values stored").hasSizeGreaterThan(1000);
		}

		private Runnable guarded(Runnable task) {
			return () -> {
				try {
					task.run();
				}
				catch (Throwable ex) {
					this.failures.add(ex);
					this.stop.set(true);
				}
			};
		}

		private void advanceTime(long deadline) {
			while (!this.stop.get() && !isPast(deadline)) {
				this.ticker.advance(Duration.ofMillis(5));
				LockSupport.parkNanos(20_000);
			}
		}

		private static boolean isPast(long deadline) {
			return Ticker.systemTicker().read() - deadline > 0;
		}

		private void work(long deadline) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (long i = 0; !this.stop.get(); i++) {
				if ((i & 0xFF) == 0 && isPast(deadline)) {
					return;
				}
				Integer key = random.nextInt(KEYS);
				operate(random, key);
				// Every write evicts under the eviction lock before it returns, and a writer adds
				// an entry's bytes only once it has made room for it, so no thread may ever see
				// the cache above its budget, even while another thread is mid-write.
				assertThat(this.cache.getByteSize()).as("bytes after an operation").isLessThanOrEqualTo(this.maxBytes);
				assertThat(this.cache.size()).as("items after an operation").isLessThanOrEqualTo((int) MAX_ITEMS);
			}
		}

		/**
		 * Apply one random operation to the key, recording the value if it was stored.
		 */
		private void operate(ThreadLocalRandom random, Integer key) {
			Value fresh = new Value(key);
			switch (random.nextInt(20)) {
				case 0, 1, 2, 3, 4 -> this.cache.get(key);
				case 5, 6 -> {
					this.cache.put(key, fresh);
					this.written.add(fresh);
				}
				case 7 -> {
					this.cache.put(key, fresh, Duration.ofMillis(1 + random.nextInt(1000)));
					this.written.add(fresh);
				}
				case 8 -> this.cache.remove(key);
				case 9 -> stored(fresh, this.cache.putIfAbsent(key, fresh) == null);
				case 10 -> stored(fresh, this.cache.replace(key, fresh) != null);
				case 11 -> {
					Value current = this.cache.get(key);
					if (current != null) {
						if (random.nextBoolean()) {
							stored(fresh, this.cache.replace(key, current, fresh));
						}
						else {
							this.cache.remove(key, current);
						}
					}
				}
				case 12 -> stored(fresh, this.cache.compute(key, (k, old) -> rarely(random) ? null : fresh) == fresh);
				case 13 -> stored(fresh,
						this.cache.merge(key, fresh, (old, given) -> rarely(random) ? null : given) == fresh);
				case 14 -> stored(fresh, this.cache.computeIfAbsent(key, (k) -> fresh) == fresh);
				case 15 -> stored(fresh, this.cache.computeIfPresent(key, (k, old) -> fresh) == fresh);
				case 16 -> changeTtl(random, key);
				case 17 -> iterate(random);
				case 18 -> this.cache.containsKey(key);
				default -> {
					if (random.nextInt(500) == 0) {
						this.cache.clear();
					}
				}
			}
		}

		private static boolean rarely(ThreadLocalRandom random) {
			return random.nextInt(4) == 0;
		}

		private void stored(Value value, boolean stored) {
			if (stored) {
				this.written.add(value);
			}
		}

		private void changeTtl(ThreadLocalRandom random, Integer key) {
			try {
				switch (random.nextInt(3)) {
					case 0 -> this.cache.setTtl(key, rarely(random) ? null : Duration.ofMillis(random.nextInt(1, 500)));
					case 1 -> this.cache.getTtl(key).ifPresent((ttl) -> assertThat(ttl).isPositive());
					default -> this.cache.expireAt(key, Instant.now().plusMillis(random.nextInt(-10, 500)));
				}
			}
			catch (NoSuchElementException ex) {
				assertThat(ex).hasMessageContaining("'" + key + "'");
			}
		}

		private void iterate(ThreadLocalRandom random) {
			Iterator<Map.Entry<Integer, Value>> entries = this.cache.entrySet().iterator();
			while (entries.hasNext()) {
				Map.Entry<Integer, Value> entry = entries.next();
				assertThat(entry.getValue().key).isEqualTo(entry.getKey());
				if (random.nextInt(128) == 0) {
					entries.remove();
				}
			}
		}

	}

}
