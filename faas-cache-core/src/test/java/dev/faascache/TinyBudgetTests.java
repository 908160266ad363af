/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Budgets of a kilobyte or two, as the Python library documents them: the empty cache's own
 * structure is small, and grows, accounted, only as the cache is used (the timer wheel for the
 * first entry with a time to live, the read buffer when reads contend, the tables as entries come).
 */
class TinyBudgetTests {

	private final FakeTicker ticker = new FakeTicker();

	/**
	 * Regression: the empty cache took 3,688 bytes (a timer wheel made even when nothing expires,
	 * read buffer stripes, a 16-slot table), so {@code maxSize("1K")} threw and a "4K" cache could
	 * not hold a 200-byte entry.
	 */
	@Test
	void emptyCache_takesAtMost512BytesOfItsOwn() {
		long empty = FaasCache.builder().build().getByteSize();
		assertThat(empty).isLessThanOrEqualTo(512);
		if (MemoryLayout.REFERENCE_SIZE == 4 && MemoryLayout.OBJECT_HEADER == 12 && MemoryLayout.ALIGNMENT == 8) {
			assertThat(empty).as("compressed oops and class pointers, 12-byte headers").isEqualTo(440);
		}
	}

	@Test
	void maxSize1K_holdsSmallEntriesAndEvictsInLruOrder() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().maxSize("1K").build();
		cache.put("a", "1");
		cache.put("b", "2");
		assertThat(cache).containsOnly(entry("a", "1"), entry("b", "2"));
		cache.get("a");
		cache.put("c", "3");
		assertThat(cache).containsOnlyKeys("a", "c");
		assertThat(cache.getByteSize()).isLessThanOrEqualTo(1024);
	}

	/**
	 * Regression: with 104 bytes of overhead per entry (a node padded to 72 bytes by two one-byte
	 * fields, and the hash map's node besides), a "1K" cache held only two entries of two
	 * {@link Integer}s; with the map's node it held three, and with the node as the link of its
	 * bin it holds four. Sizes measured with jamm.
	 */
	@Test
	void maxSize1K_holdsFourIntegerEntries() {
		FaasCache<Integer, Integer> cache = FaasCache.<Integer, Integer>builder().maxSize("1K").build();
		cache.put(1000, 1);
		cache.put(1001, 2);
		cache.put(1002, 3);
		cache.put(1003, 4);
		assertThat(cache).containsOnly(entry(1000, 1), entry(1001, 2), entry(1002, 3), entry(1003, 4));
		assertThat(cache.stats().evictionCount()).isZero();
		if (JvmLayout.COMPRESSED) {
			assertThat(cache.getByteSize()).as("440 empty, 144 of tables, 4 x (16 + 16 + 72)").isEqualTo(1000);
		}
		cache.get(1000);
		cache.put(1004, 5);
		assertThat(cache).containsOnlyKeys(1000, 1002, 1003, 1004);
		assertThat(cache.getByteSize()).isLessThanOrEqualTo(1024);
	}

	@Test
	void timerWheel_isMadeForTheFirstEntryWithATtlAndAccounted() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().ticker(this.ticker).build();
		long empty = cache.getByteSize();
		for (int i = 0; i < 100; i++) {
			cache.put("k" + i, "v");
		}
		assertThat(cache.structureBytes()).as("no entry expires: no wheel").isEqualTo(empty);
		cache.put("ttl", "v", Duration.ofSeconds(1));
		assertThat(cache.structureBytes()).isEqualTo(empty + TimerWheel.BUCKETS_BYTES);
		this.ticker.advanceSeconds(1);
		assertThat(cache).doesNotContainKey("ttl");
	}

	@Test
	void setTtl_firstDeadline_makesTheWheelEvictingToMakeRoom() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder()
			.ticker(this.ticker)
			.sizer((object) -> 50)
			.maxSize(FaasCache.builder().build().getByteSize() + Layout.tableBytes(40) + TimerWheel.BUCKETS_BYTES)
			.build();
		for (int i = 0; i < 40; i++) {
			cache.put("k" + i, "v");
		}
		cache.setTtl("k39", Duration.ofSeconds(1));
		assertThat(cache.structureBytes() - TimerWheel.BUCKETS_BYTES).isEqualTo(FaasCache.builder().build().getByteSize());
		assertThat(cache.getByteSize()).isLessThanOrEqualTo(cache.getMaxSize().orElseThrow().toBytes());
		assertThat(cache).containsKey("k39").doesNotContainKey("k0");
		this.ticker.advanceSeconds(1);
		assertThat(cache).doesNotContainKey("k39");
	}

	/**
	 * Regression: the timer wheel's buckets, 1,952 bytes, do not fit in a "1K" cache, which refused
	 * every time to live. Its deadlines are now kept in a list until the buckets fit.
	 */
	@Test
	void maxSize1K_holdsEntriesWithATtlAndExpiresThemOnTime() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().ticker(this.ticker).maxSize("1K").build();
		long empty = cache.structureBytes();
		cache.put("a", "1", Duration.ofSeconds(5));
		cache.put("b", "2");
		cache.setTtl("b", Duration.ofSeconds(10));
		assertThat(cache).containsOnly(entry("a", "1"), entry("b", "2"));
		assertThat(cache.structureBytes()).as("no buckets").isEqualTo(empty);
		assertThat(cache.getByteSize()).isLessThanOrEqualTo(1024);

		this.ticker.advance(Duration.ofSeconds(5).minusNanos(1));
		assertThat(cache.get("a")).isEqualTo("1");
		assertThat(cache.getTtl("a")).contains(Duration.ofNanos(1));
		this.ticker.advance(Duration.ofNanos(1));
		cache.cleanUp();
		assertThat(cache).containsOnly(entry("b", "2"));
		assertThat(cache.stats().expirationCount()).isOne();
		this.ticker.advanceSeconds(5);
		cache.cleanUp();
		assertThat(cache).isEmpty();
		assertThat(cache.stats().expirationCount()).isEqualTo(2);
		assertThat(cache.getByteSize()).isEqualTo(empty + cache.tableBytes());
	}

	@Test
	void ttl_budgetRaisedPastTheWheel_movesListedDeadlinesIntoIt() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().ticker(this.ticker).maxSize("1K").build();
		long empty = cache.structureBytes();
		cache.put("a", "1", Duration.ofSeconds(5));
		cache.changeByteSize("8K");
		cache.put("c", "3", Duration.ofSeconds(10));
		assertThat(cache.structureBytes()).isEqualTo(empty + TimerWheel.BUCKETS_BYTES);
		this.ticker.advance(Duration.ofSeconds(5).minusNanos(1));
		assertThat(cache).containsOnlyKeys("a", "c");
		this.ticker.advance(Duration.ofNanos(1));
		assertThat(cache).containsOnlyKeys("c");
		this.ticker.advanceSeconds(5);
		assertThat(cache).isEmpty();
		assertThat(cache.stats().expirationCount()).isEqualTo(2);
	}

	@Test
	void readBuffer_isMadeOnlyOnceReadsContendAndAccounted() throws Exception {
		FaasCache<Object, String> cache = FaasCache.<Object, String>builder().build();
		cache.put(LockHolder.KEY, "h");
		cache.put("a", "1");
		cache.put("b", "2");
		long before = cache.structureBytes();
		for (int i = 0; i < 1_000; i++) {
			cache.get((i % 2 == 0) ? "a" : "b");
		}
		cache.cleanUp();
		assertThat(cache.structureBytes()).as("one reader at a time: no buffer").isEqualTo(before);

		LockHolder.whileLockHeld(cache, () -> assertThat(cache.get("a")).as("a read while the lock is held").isEqualTo("1"));
		cache.remove(LockHolder.KEY);
		cache.cleanUp();
		assertThat(cache.structureBytes()).isEqualTo(before + ReadBuffer.BYTES);
		assertThat(cache.getByteSize()).isEqualTo(cache.structureBytes() + cache.tableBytes()
				+ 2 * (Layout.NODE_OVERHEAD + Sizer.deep().sizeOf("a") + Sizer.deep().sizeOf("1")));
		assertThat(cache.stats().hitCount()).isEqualTo(1_001);
	}

	/**
	 * Regression: the buffer was made only by the next write's maintenance, so in a read-only
	 * workload (a cache filled at start and then only read, as in the get benchmark) it never was,
	 * and every read from two threads took the lock to reorder its entry: hits ran ten times slower.
	 */
	@Test
	void readBuffer_readOnlyWorkload_isMadeByTheNextReadAfterReadsContend() throws Exception {
		FaasCache<Object, String> cache = FaasCache.<Object, String>builder().build();
		cache.put(LockHolder.KEY, "h");
		cache.put("a", "1");
		cache.put("b", "2");
		long before = cache.structureBytes();
		LockHolder.whileLockHeld(cache, () -> assertThat(cache.get("a")).as("a read while the lock is held").isEqualTo("1"));
		assertThat(cache.structureBytes()).as("no buffer before a read finds the lock free").isEqualTo(before);
		assertThat(cache.get("a")).isEqualTo("1");
		assertThat(cache.structureBytes()).as("made by that read, without a write").isEqualTo(before + ReadBuffer.BYTES);
	}

	@Test
	void readBuffer_noRoomToSpare_isNotMade() throws Exception {
		FaasCache<Object, String> cache = FaasCache.<Object, String>builder().maxSize("1K").build();
		cache.put(LockHolder.KEY, "h");
		cache.put("a", "1");
		LockHolder.whileLockHeld(cache, () -> assertThat(cache.get("a")).isEqualTo("1"));
		long before = cache.structureBytes();
		cache.cleanUp();
		assertThat(cache.structureBytes()).isEqualTo(before);
		assertThat(cache.getByteSize()).isLessThanOrEqualTo(1024);
	}

	/**
	 * A key that, while armed, waits in {@code hashCode}: a write looks its key up under the
	 * eviction lock, so a write of this key holds the lock for as long as the test needs, without
	 * a function of the cache's own.
	 */
	private record LockHolder() {

		static final LockHolder KEY = new LockHolder();

		private static volatile CountDownLatch hashing;

		private static volatile CountDownLatch release;

		@Override
		public int hashCode() {
			CountDownLatch open = release;
			if (open != null) {
				hashing.countDown();
				await(open);
			}
			return 1;
		}

		/** Run the action on this thread while another holds the cache's lock, then let it go. */
		static void whileLockHeld(FaasCache<Object, String> cache, Runnable action) throws Exception {
			hashing = new CountDownLatch(1);
			release = new CountDownLatch(1);
			CompletableFuture<?> holder = CompletableFuture.supplyAsync(() -> cache.put(KEY, "h"));
			try {
				await(hashing);
				action.run();
			}
			finally {
				CountDownLatch open = release;
				release = null;
				open.countDown();
			}
			assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("h");
		}

	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
