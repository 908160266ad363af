/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Several caches competing for one {@link SharedBudget}.
 */
class SharedBudgetTests {

	private static final long OBJECT_BYTES = 100;

	private static final long ENTRY_BYTES = 2 * OBJECT_BYTES + Layout.NODE_OVERHEAD;

	/** Written by the threads of the deadlock test too. */
	private final List<String> removals = Collections.synchronizedList(new ArrayList<>());

	private FaasCache<String, String> member(String name, SharedBudget budget) {
		return FaasCache.<String, String>builder()
			.sizer((object) -> OBJECT_BYTES)
			.sharedBudget(budget)
			.removalListener((key, value, cause) -> this.removals.add(name + ":" + key + ":" + cause))
			.build();
	}

	private static long structureBytes() {
		return FaasCache.<String, String>builder().sizer((object) -> OBJECT_BYTES).build().getByteSize();
	}

	@Test
	void evictsLeastRecentlyUsedAcrossCaches() {
		SharedBudget budget = SharedBudget.of(3 * (structureBytes() + Layout.tableBytes(2)) + 4 * ENTRY_BYTES);
		FaasCache<String, String> products = member("products", budget);
		FaasCache<String, String> users = member("users", budget);
		FaasCache<String, String> orders = member("orders", budget);
		products.put("p1", "1");
		users.put("u1", "1");
		orders.put("o1", "1");
		products.put("p2", "2");
		products.get("p1");
		users.put("u2", "2");
		assertThat(this.removals).containsExactly("users:u1:SIZE");
		orders.put("o2", "2");
		assertThat(this.removals).containsExactly("users:u1:SIZE", "orders:o1:SIZE");
		assertThat(budget.getByteSize()).isLessThanOrEqualTo(budget.getMaxSize().toBytes())
			.isEqualTo(products.getByteSize() + users.getByteSize() + orders.getByteSize());
		assertThat(products).containsOnlyKeys("p1", "p2");
	}

	@Test
	void perCacheBoundsStillApply() {
		SharedBudget budget = SharedBudget.of("1M");
		FaasCache<String, String> small = FaasCache.<String, String>builder()
			.sizer((object) -> OBJECT_BYTES)
			.sharedBudget(budget)
			.maxItems(1)
			.build();
		small.put("a", "1");
		small.put("b", "2");
		assertThat(small).containsOnlyKeys("b");
		assertThat(budget.getByteSize()).isEqualTo(small.getByteSize());
	}

	@Test
	void removalsReleaseSharedBytes() {
		SharedBudget budget = SharedBudget.of("1M");
		FaasCache<String, String> cache = member("c", budget);
		long empty = budget.getByteSize();
		cache.put("a", "1");
		assertThat(budget.getByteSize()).isEqualTo(empty + Layout.tableBytes(1) + ENTRY_BYTES)
			.as("an empty cache, its first tables and an entry of 200 bytes")
			.isEqualTo(JvmLayout.bytes(832, 784));
		cache.clear();
		assertThat(budget.getByteSize()).as("the hash table does not shrink").isEqualTo(empty + Layout.tableBytes(1));
	}

	@Test
	void entryLargerThanSharedBudget_isRefusedAndNothingEvicted() {
		SharedBudget budget = SharedBudget.of(2 * structureBytes() + 3 * ENTRY_BYTES);
		FaasCache<String, String> first = member("first", budget);
		FaasCache<String, Object> second = FaasCache.<String, Object>builder()
			.sizer((object) -> (object instanceof long[] array) ? array.length : OBJECT_BYTES)
			.sharedBudget(budget)
			.build();
		first.put("a", "1");
		assertThatExceptionOfType(EntryTooLargeException.class)
			.isThrownBy(() -> second.put("huge", new long[(int) budget.getMaxSize().toBytes()]));
		assertThat(first).containsOnlyKeys("a");
		assertThat(this.removals).isEmpty();
	}

	/**
	 * Regression: the check of an entry against a shared budget ignored the members' hash
	 * tables. An entry that passed it was stored, then every other member's entries were evicted,
	 * and finally the new entry too: {@code put} returned normally, nothing was stored, and the
	 * other caches had lost their entries for nothing.
	 */
	@Test
	void put_entrySizesSteppingAcrossTheLimit_storedAfterEvictingOrRefusedBeforeEvictingAnything() {
		long maxBytes = 16 * 1024;
		long step = 8;
		long largestStored = -1;
		long smallestRefused = Long.MAX_VALUE;
		for (long size = step; size <= maxBytes; size += step) {
			SharedBudget budget = SharedBudget.of(maxBytes);
			List<FaasCache<String, Object>> members = List.of(blobMember("first", budget), blobMember("second", budget));
			for (FaasCache<String, Object> member : members) {
				for (int i = 0; i < 5; i++) {
					member.put("k" + i, "v");
				}
			}
			Map<String, Object> first = new HashMap<>(members.get(0));
			Map<String, Object> second = new HashMap<>(members.get(1));
			long before = budget.getByteSize();
			this.removals.clear();
			FaasCache<String, Object> writer = members.get((int) (size / step) % 2);
			long[] blob = new long[(int) size];
			try {
				writer.put("big", blob);
				assertThat(smallestRefused).as("%s bytes stored although %s were refused", size, smallestRefused)
					.isEqualTo(Long.MAX_VALUE);
				largestStored = size;
				assertThat(writer.get("big")).as("entry of %s bytes", size).isSameAs(blob);
				assertThat(budget.getByteSize()).isLessThanOrEqualTo(maxBytes)
					.isEqualTo(members.get(0).getByteSize() + members.get(1).getByteSize());
				assertThat(this.removals).allMatch((removal) -> removal.endsWith(":SIZE"));
			}
			catch (EntryTooLargeException ex) {
				smallestRefused = Math.min(smallestRefused, size);
				assertThat(ex.getMaxBytes()).isEqualTo(maxBytes);
				assertThat(this.removals).as("removals when %s bytes were refused", size).isEmpty();
				assertThat(members.get(0)).isEqualTo(first);
				assertThat(members.get(1)).isEqualTo(second);
				assertThat(budget.getByteSize()).isEqualTo(before);
			}
		}
		assertThat(largestStored).as("some entries were stored").isPositive();
		assertThat(smallestRefused - largestStored).as("the limit lies between the two").isEqualTo(step);
	}

	/**
	 * A write to one member whose function reads another member drains the other's read buffer
	 * while it holds its own lock. The order of the locks used to be member, then budget there,
	 * but budget, then member in the eviction for the budget run by a write to the other member:
	 * the two threads deadlocked.
	 */
	@Test
	void compute_readingAnotherMemberWhileAWriteToItEvicts_doesNotDeadlock() throws Exception {
		SharedBudget budget = SharedBudget.of(2 * (structureBytes() + Layout.tableBytes(8)) + 8 * ENTRY_BYTES);
		FaasCache<String, String> a = member("a", budget);
		FaasCache<String, String> b = member("b", budget);
		for (int i = 0; i < 4; i++) {
			a.put("a" + i, "v");
		}
		for (int i = 0; i < 4; i++) {
			b.put("b" + i, "v");
		}
		ExecutorService threads = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task);
			thread.setDaemon(true);
			return thread;
		});
		try {
			CountDownLatch computing = new CountDownLatch(1);
			AtomicReference<Thread> writerThread = new AtomicReference<>();
			Future<?> compute = threads.submit(() -> a.compute("a3", (key, value) -> {
				computing.countDown();
				awaitBlocked(writerThread);
				for (int i = 0; i < 4 * ReadBuffer.STRIPE_CAPACITY; i++) {
					b.get("b" + (i % 4));
				}
				return value + "!";
			}));
			computing.await(10, TimeUnit.SECONDS);
			Future<?> write = threads.submit(() -> {
				writerThread.set(Thread.currentThread());
				b.put("b4", "v");
			});
			compute.get(10, TimeUnit.SECONDS);
			write.get(10, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(a.get("a3")).isEqualTo("v!");
		assertThat(b.get("b4")).isEqualTo("v");
		assertThat(this.removals).containsExactlyInAnyOrder("a:a3:REPLACED", "a:a0:SIZE");
		assertThat(budget.getByteSize()).isLessThanOrEqualTo(budget.getMaxSize().toBytes());
	}

	/** Wait, for 10 seconds at most, until the thread is set and parked on a lock. */
	private static void awaitBlocked(AtomicReference<Thread> thread) {
		long deadline = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < deadline) {
			Thread t = thread.get();
			if (t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.BLOCKED)) {
				return;
			}
			Thread.onSpinWait();
		}
		throw new AssertionError("the writer never waited for a lock");
	}

	private FaasCache<String, Object> blobMember(String name, SharedBudget budget) {
		return FaasCache.<String, Object>builder()
			.sizer((object) -> (object instanceof long[] array) ? array.length : OBJECT_BYTES)
			.sharedBudget(budget)
			.removalListener((key, value, cause) -> this.removals.add(name + ":" + key + ":" + cause))
			.build();
	}

	@Test
	void of_malformedSize_namesValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> SharedBudget.of("12X")).withMessageContaining("'12X'");
		assertThatIllegalArgumentException().isThrownBy(() -> SharedBudget.of(0)).withMessageContaining("0");
	}

	@Test
	void register_budgetTooSmallForAnotherCache_isRefused() {
		SharedBudget budget = SharedBudget.of(structureBytes() + 1);
		member("first", budget);
		assertThatIllegalArgumentException().isThrownBy(() -> member("second", budget))
			.withMessageContaining("no room left");
	}

	@Test
	void byteSize_percentOfHeap_resolvesOnceAgainstMaxHeap() {
		ByteSize quarter = ByteSize.parse("25%", 1024 * 1024);
		assertThat(quarter.toBytes()).isEqualTo(256 * 1024);
		assertThat(quarter).hasToString("25% of heap = 262144 bytes");
		assertThat(ByteSize.parse("12.5%", 800).toBytes()).isEqualTo(100);
		assertThat(ByteSize.parse("100%").toBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
	}

	@Test
	void byteSize_badPercent_isRejectedNamingValue() {
		for (String bad : List.of("0%", "150%", "abc%", "-5%", "%", "0.0000000001%")) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> ByteSize.parse(bad, 1024))
				.withMessageContaining("'" + bad + "'");
		}
	}

	@Test
	void maxSize_percent_showsResolvedBytes() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().maxSize("10%").build();
		long expected = Runtime.getRuntime().maxMemory() / 10;
		assertThat(cache.getMaxSize()).map(ByteSize::toBytes).contains(expected);
		assertThat(cache.toString()).contains("maxSize=10% of heap = " + expected + " bytes");
	}

}
