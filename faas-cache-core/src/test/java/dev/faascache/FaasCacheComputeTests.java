/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Functions of {@code computeIfAbsent}, {@code compute}, {@code computeIfPresent} and
 * {@code merge} run outside the cache's locks, one at a time per key: a slow load delays only the
 * callers of its own key. Functions block on latches; every wait is bounded, so that a call that
 * is held up fails the test instead of hanging it, and no assertion depends on timing.
 */
class FaasCacheComputeTests {

	private static final long WAIT_SECONDS = 30;

	/** Opened after each test, so that no blocked function outlives it. */
	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> threads = new ArrayList<>();

	@AfterEach
	void releaseFunctions() throws InterruptedException {
		this.release.countDown();
		for (Thread thread : this.threads) {
			thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
		}
	}

	@Test
	void computeIfAbsent_slowLoad_doesNotDelayOtherKeysInTheSameBinOrAResize() throws Exception {
		FaasCache<Object, String> cache = FaasCache.<Object, String>builder().maxItems(10_000).build();
		CountDownLatch loading = new CountDownLatch(1);
		CompletableFuture<String> slow = start(() -> cache.computeIfAbsent(new Colliding(0), (key) -> {
			loading.countDown();
			awaitRelease();
			return "slow";
		}));
		await(loading);
		// Keys of one hash share the slow key's bin; a thousand more make the table resize
		// several times, which would wait for a bin lock held by the load
		call(() -> {
			cache.put(new Colliding(1), "one");
			assertThat(cache.get(new Colliding(1))).isEqualTo("one");
			assertThat(cache.computeIfAbsent(new Colliding(2), (key) -> "two")).isEqualTo("two");
			assertThat(cache.compute(new Colliding(2), (key, old) -> old + "!")).isEqualTo("two!");
			assertThat(cache.merge(new Colliding(3), "three", String::concat)).isEqualTo("three");
			assertThat(cache.remove(new Colliding(1))).isEqualTo("one");
			for (int i = 0; i < 1_000; i++) {
				cache.put(i, "v" + i);
				assertThat(cache.computeIfAbsent(-i - 1, (key) -> "c" + key)).isEqualTo("c" + (-i - 1));
			}
			assertThat(cache.get(new Colliding(0))).as("not loaded yet").isNull();
			return null;
		});
		assertThat(slow).isNotDone();
		this.release.countDown();
		assertThat(slow.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("slow");
		assertThat(cache.get(new Colliding(0))).isEqualTo("slow");
		assertThat(cache).hasSize(2_003);
	}

	@Test
	void computeIfAbsent_concurrentCallersOfOneKey_callTheFunctionOnceAndShareItsValue() throws Exception {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().build();
		AtomicInteger calls = new AtomicInteger();
		Function<String, String> load = (key) -> {
			calls.incrementAndGet();
			awaitRelease();
			return "loaded";
		};
		List<CompletableFuture<String>> callers = startBlocked(4, () -> cache.computeIfAbsent("key", load));
		this.release.countDown();
		for (CompletableFuture<String> caller : callers) {
			assertThat(caller.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("loaded");
		}
		assertThat(calls).hasValue(1);
		CacheStats stats = cache.stats();
		assertThat(stats.missCount()).as("one miss for the one load").isEqualTo(1);
		assertThat(stats.hitCount()).as("a hit for each caller that waited").isEqualTo(3);
	}

	@Test
	void computeAndMerge_concurrentCallersOfOneKey_applyOneAfterTheOther() throws Exception {
		FaasCache<String, Integer> cache = FaasCache.<String, Integer>builder().build();
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch first = new CountDownLatch(1);
		List<CompletableFuture<Integer>> callers = new ArrayList<>();
		callers.add(start(() -> cache.compute("key", (key, old) -> {
			calls.incrementAndGet();
			first.countDown();
			awaitRelease();
			return (old != null) ? old + 1 : 1;
		})));
		await(first);
		callers.addAll(startBlocked(2, () -> cache.compute("key", (key, old) -> {
			calls.incrementAndGet();
			return old + 1;
		})));
		callers.addAll(startBlocked(2, () -> cache.merge("key", 1, (old, one) -> {
			calls.incrementAndGet();
			return old + one;
		})));
		this.release.countDown();
		for (CompletableFuture<Integer> caller : callers) {
			caller.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		assertThat(calls).as("each function once").hasValue(5);
		assertThat(cache.get("key")).as("no update lost").isEqualTo(5);
	}

	@Test
	void writesOfTheKey_waitForItsComputation_thenActOnItsResult() throws Exception {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().build();
		cache.put("replaced", "old");
		CompletableFuture<String> computed = startComputing(cache, "put", (key, old) -> "computed");
		CompletableFuture<String> put = startBlocked(1, () -> cache.put("put", "written")).get(0);
		CompletableFuture<String> replacing = startComputing(cache, "replaced", (key, old) -> old + "+1");
		CompletableFuture<String> replace = startBlocked(1, () -> cache.replace("replaced", "written")).get(0);
		CompletableFuture<String> removing = startComputing(cache, "removed", (key, old) -> "computed");
		CompletableFuture<String> remove = startBlocked(1, () -> cache.remove("removed")).get(0);
		assertThat(cache.get("replaced")).as("reads do not wait, and see the value from before").isEqualTo("old");
		assertThat(List.of(computed, put, replacing, replace, removing, remove)).noneMatch(CompletableFuture::isDone);
		this.release.countDown();
		assertThat(computed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("computed");
		assertThat(put.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("put replaced the computed value").isEqualTo("computed");
		assertThat(replacing.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("old+1");
		assertThat(replace.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("old+1");
		assertThat(remove.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("computed");
		assertThat(cache).containsOnly(entry("put", "written"), entry("replaced", "written"));
	}

	@Test
	void computeIfAbsent_ofItsOwnKey_failsInsteadOfWaitingForItself() throws Exception {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().build();
		String outcome = call(() -> {
			assertThatIllegalStateException()
				.isThrownBy(() -> cache.computeIfAbsent("key", (key) -> cache.computeIfAbsent(key, (k) -> "inner")))
				.withMessageContaining("Recursive update of key 'key'");
			assertThatIllegalStateException()
				.isThrownBy(() -> cache.compute("key", (key, old) -> cache.merge(key, "inner", String::concat)))
				.withMessageContaining("Recursive update of key 'key'");
			return cache.computeIfAbsent("key", (key) -> "next");
		});
		assertThat(outcome).isEqualTo("next");
		assertThat(cache).containsOnly(entry("key", "next"));
	}

	@Test
	void function_mayWriteOtherKeysAndItsOwn() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().build();
		assertThat(cache.computeIfAbsent("a", (key) -> {
			cache.put("b", "written by a's function");
			cache.put("a", "stored by the function");
			return "returned";
		})).as("computeIfAbsent keeps what the function stored").isEqualTo("stored by the function");
		assertThat(cache.compute("b", (key, old) -> {
			cache.put("b", "overwritten");
			return old + ", then computed";
		})).isEqualTo("written by a's function, then computed");
		assertThat(cache).containsOnly(entry("a", "stored by the function"),
				entry("b", "written by a's function, then computed"));
	}

	@Test
	void function_thatThrows_cachesNothingAndLetsTheWaitingCallerCompute() throws Exception {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().build();
		cache.put("kept", "old");
		IllegalStateException failure = new IllegalStateException("backend down");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> cache.computeIfAbsent("key", (key) -> {
			throw failure;
		})).isSameAs(failure);
		AssertionError error = new AssertionError("an Error, not an exception");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> cache.compute("kept", (key, old) -> {
			throw error;
		})).isSameAs(error);
		assertThat(cache).containsOnly(entry("kept", "old"));
		CountDownLatch failing = new CountDownLatch(1);
		CompletableFuture<String> first = start(() -> cache.computeIfAbsent("key", (key) -> {
			failing.countDown();
			awaitRelease();
			throw new OutOfMemoryError("simulated");
		}));
		await(failing);
		CompletableFuture<String> waiting = startBlocked(1, () -> cache.computeIfAbsent("key", (key) -> "second")).get(0);
		this.release.countDown();
		assertThat(first).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(waiting.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("second");
		assertThat(cache).containsOnly(entry("kept", "old"), entry("key", "second"));
	}

	@Test
	void computeIfAbsent_resultLargerThanTheBudget_isRefusedAndFreesTheKey() {
		FaasCache<String, Object> cache = FaasCache.<String, Object>builder().maxSize("8K").build();
		cache.put("small", "kept");
		assertThatExceptionOfType(EntryTooLargeException.class)
			.isThrownBy(() -> cache.computeIfAbsent("large", (key) -> new byte[16 * 1024]));
		assertThatExceptionOfType(EntryTooLargeException.class)
			.isThrownBy(() -> cache.compute("small", (key, old) -> new byte[16 * 1024]));
		assertThat(cache.computeIfAbsent("large", (key) -> "fits")).isEqualTo("fits");
		assertThat(cache).containsOnly(entry("small", "kept"), entry("large", "fits"));
		assertThat(cache.stats().rejectionCount()).isEqualTo(2);
	}

	@Test
	void computeIfAbsent_nullResult_storesNothing() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().build();
		assertThat(cache.computeIfAbsent("key", (key) -> null)).isNull();
		cache.put("removed", "old");
		assertThat(cache.compute("removed", (key, old) -> null)).isNull();
		assertThat(cache.computeIfPresent("absent", (key, old) -> "never")).isNull();
		assertThat(cache).isEmpty();
	}

	@Test
	void clear_duringAComputation_doesNotWaitAndTheResultIsNotStored() throws Exception {
		List<String> removals = new CopyOnWriteArrayList<>();
		FaasCache<String, String> cache = FaasCache.<String, String>builder()
			.removalListener((key, value, cause) -> removals.add(key + "=" + value + " " + cause))
			.build();
		cache.put("key", "old");
		CompletableFuture<String> computing = startComputing(cache, "key", (key, old) -> old + " from before the clear");
		call(() -> {
			cache.clear();
			return null;
		});
		this.release.countDown();
		assertThat(computing.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("old from before the clear");
		assertThat(cache).isEmpty();
		assertThat(removals).as("as if computed, then cleared")
			.containsExactly("key=old EXPLICIT", "key=old from before the clear EXPLICIT");
		assertThat(cache.computeIfAbsent("key", (key) -> "after")).isEqualTo("after");
	}

	@Test
	void computeIfAbsent_startsTheTimeToLiveWhenTheResultIsStored() {
		FakeTicker ticker = new FakeTicker();
		FaasCache<String, String> cache = FaasCache.<String, String>builder()
			.ticker(ticker)
			.defaultTtl(Duration.ofSeconds(10))
			.build();
		cache.computeIfAbsent("key", (key) -> {
			ticker.advanceSeconds(8);
			return "slow";
		});
		ticker.advanceSeconds(8);
		assertThat(cache.getTtl("key")).contains(Duration.ofSeconds(2));
	}

	/**
	 * A read while the function ran has seen the key absent, so a result computed from the
	 * expired value would make the read and the compute impossible to order; the function runs
	 * again from what the key holds now.
	 */
	@Test
	void compute_entryExpiringWhileTheFunctionRuns_computesAgainFromTheAbsentKey() {
		FakeTicker ticker = new FakeTicker();
		List<RemovalCause> removals = new ArrayList<>();
		FaasCache<String, String> cache = FaasCache.<String, String>builder()
			.ticker(ticker)
			.defaultTtl(Duration.ofSeconds(10))
			.removalListener((key, value, cause) -> removals.add(cause))
			.build();
		cache.put("key", "old");
		List<String> given = new ArrayList<>();
		assertThat(cache.compute("key", (key, old) -> {
			given.add(old);
			if (old != null) {
				ticker.advanceSeconds(11);
				assertThat(cache.get(key)).as("expired meanwhile").isNull();
			}
			return (old != null) ? old + "+1" : "fresh";
		})).isEqualTo("fresh");
		assertThat(given).containsExactly("old", null);
		assertThat(removals).containsExactly(RemovalCause.EXPIRED);
		assertThat(cache.getTtl("key")).contains(Duration.ofSeconds(10));
		assertThat(cache.merge("key", "given", (old, value) -> {
			ticker.advanceSeconds(11);
			return old + value;
		})).as("merge stores the given value once the old one expired").isEqualTo("given");
	}

	@Test
	void compute_entryEvictedWhileTheFunctionRuns_computesAgainFromTheAbsentKey() throws Exception {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().maxItems(2).build();
		cache.put("key", "old");
		List<String> given = new CopyOnWriteArrayList<>();
		CompletableFuture<String> computing = startComputing(cache, "key", (key, old) -> {
			given.add(old);
			return (old != null) ? old + "+1" : "fresh";
		});
		call(() -> {
			cache.put("b", "B");
			cache.put("c", "C");
			return null;
		});
		assertThat(cache.get("key")).as("evicted").isNull();
		this.release.countDown();
		assertThat(computing.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("fresh");
		assertThat(given).as("called again once its entry was evicted").containsExactly("old", null);
		assertThat(cache.coldest(10)).containsExactly(entry("c", "C"), entry("key", "fresh"));
	}

	@Test
	void computations_keepLruOrderAndEveryBound() throws Exception {
		FaasCache<Integer, String> cache = FaasCache.<Integer, String>builder()
			.maxItems(3)
			.sizer((object) -> 100)
			.build();
		long entryBytes = 200 + Layout.NODE_OVERHEAD;
		cache.changeByteSize(cache.getByteSize() + Layout.tableBytes(3) + 3 * entryBytes);
		cache.put(1, "a");
		cache.put(2, "b");
		cache.computeIfAbsent(3, (key) -> "c");
		cache.computeIfPresent(1, (key, old) -> old + "!");
		cache.merge(4, "d", String::concat);
		assertThat(cache.coldest(10)).containsExactly(entry(3, "c"), entry(1, "a!"), entry(4, "d"));
		List<CompletableFuture<String>> callers = new ArrayList<>();
		for (int key = 5; key < 9; key++) {
			int k = key;
			callers.add(start(() -> cache.computeIfAbsent(k, (x) -> {
				awaitRelease();
				return "v" + x;
			})));
		}
		this.release.countDown();
		for (CompletableFuture<String> caller : callers) {
			caller.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		assertThat(cache).hasSize(3);
		assertThat(cache.getByteSize()).isLessThanOrEqualTo(cache.getMaxSize().orElseThrow().toBytes());
		assertThat(cache.stats().itemsEvictionCount() + cache.stats().sizeEvictionCount()).isEqualTo(5);
	}

	@Test
	void sharedBudget_memberComputingOutsideTheBudgetsLock_doesNotDelayWritesToOtherMembers() throws Exception {
		SharedBudget budget = SharedBudget.of("1M");
		FaasCache<String, String> loading = FaasCache.<String, String>builder().sharedBudget(budget).build();
		FaasCache<String, String> other = FaasCache.<String, String>builder().sharedBudget(budget).build();
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<String> slow = start(() -> loading.computeIfAbsent("slow", (key) -> {
			started.countDown();
			awaitRelease();
			return "slow";
		}));
		await(started);
		call(() -> {
			other.put("key", "value");
			loading.put("key", "value");
			return loading.computeIfAbsent("fast", (key) -> other.merge("count", "1", String::concat));
		});
		assertThat(slow).isNotDone();
		this.release.countDown();
		assertThat(slow.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("slow");
		assertThat(loading).containsOnly(entry("slow", "slow"), entry("key", "value"), entry("fast", "1"));
		assertThat(budget.getByteSize()).isEqualTo(loading.getByteSize() + other.getByteSize());
	}

	/** Start computing the key on another thread with a function that waits for the release. */
	private CompletableFuture<String> startComputing(FaasCache<String, String> cache, String key,
			BiFunction<String, String, String> function) throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<String> computing = start(() -> cache.compute(key, (k, old) -> {
			started.countDown();
			awaitRelease();
			return function.apply(k, old);
		}));
		await(started);
		return computing;
	}

	/** Run the call on its own thread and return its outcome. */
	private <T> CompletableFuture<T> start(Callable<T> call) {
		CompletableFuture<T> outcome = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				outcome.complete(call.call());
			}
			catch (Throwable ex) {
				outcome.completeExceptionally(ex);
			}
		});
		this.threads.add(thread);
		thread.start();
		return outcome;
	}

	/**
	 * Start the calls on their own threads, and return once each is blocked: waiting for a
	 * computation of another thread, or for the release.
	 */
	private <T> List<CompletableFuture<T>> startBlocked(int count, Callable<T> call) throws InterruptedException {
		List<CompletableFuture<T>> outcomes = new ArrayList<>();
		int first = this.threads.size();
		for (int i = 0; i < count; i++) {
			outcomes.add(start(call));
		}
		for (Thread thread : this.threads.subList(first, this.threads.size())) {
			ThreadStates.await(thread, ThreadStates.PARKED_OR_TIMED, thread + " blocked");
		}
		return outcomes;
	}

	/** Run the call on another thread, failing if it does not return within the bounded wait. */
	private <T> T call(Callable<T> call) throws Exception {
		return start(call).get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private void awaitRelease() {
		await(this.release);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("latch opened").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A key whose instances all share one hash code, and so one bin of a hash table. */
	private record Colliding(int id) {

		@Override
		public int hashCode() {
			return 7;
		}

	}

}
