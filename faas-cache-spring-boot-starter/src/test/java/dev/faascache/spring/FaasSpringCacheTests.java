/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.faascache.FaasCache;
import dev.faascache.FakeTicker;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache.ValueRetrievalException;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.support.NullValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Contract tests for {@link FaasSpringCache}, covering what Spring's own cache implementations
 * are held to, plus the bounds and the per-key loading of this one.
 */
class FaasSpringCacheTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final FakeTicker ticker = new FakeTicker();

	private final FaasCache<Object, Object> nativeCache = FaasCache.builder()
		.ticker(this.ticker)
		.defaultTtl(Duration.ofSeconds(60))
		.build();

	private final FaasSpringCache cache = new FaasSpringCache("products", this.nativeCache);

	private final FaasSpringCache noNullCache = new FaasSpringCache("strict", FaasCache.builder().build(), false);

	@Test
	void returnsItsName() {
		assertThat(this.cache.getName()).isEqualTo("products");
	}

	@Test
	void exposesTheFaasCacheAsNativeCache() {
		assertThat(this.cache.getNativeCache()).isSameAs(this.nativeCache);
	}

	@Test
	void returnsValueThatWasPut() {
		assertThat(this.cache.get("key")).isNull();
		assertThat(this.cache.get("key", String.class)).isNull();
		this.cache.put("key", "value");
		assertThat(this.cache.get("key")).extracting(ValueWrapper::get).isEqualTo("value");
		assertThat(this.cache.get("key", String.class)).isEqualTo("value");
		assertThat(this.cache.get("key", Object.class)).isEqualTo("value");
		assertThat(this.nativeCache).containsEntry("key", "value");
	}

	@Test
	void storesNullAsNullValueWhenAllowed() {
		this.cache.put("key", null);
		ValueWrapper wrapper = this.cache.get("key");
		assertThat(wrapper).isNotNull();
		assertThat(wrapper.get()).isNull();
		assertThat(this.cache.get("key", String.class)).isNull();
		assertThat(this.nativeCache.get("key")).isSameAs(NullValue.INSTANCE);
	}

	@Test
	void refusesNullWhenNotAllowedAndCachesNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.noNullCache.put("key", null))
			.withMessageContaining("is configured to not allow null values but null was provided");
		assertThat(this.noNullCache.get("key")).isNull();
	}

	@Test
	void failsNamingTheTypeOnTypeMismatch() {
		this.cache.put("key", "value");
		assertThatIllegalStateException().isThrownBy(() -> this.cache.get("key", Integer.class))
			.withMessageContaining("java.lang.Integer")
			.withMessageContaining("value");
	}

	@Test
	void missesOnceTtlHasPassed() {
		this.cache.put("key", "value");
		this.ticker.advance(Duration.ofSeconds(59));
		assertThat(this.cache.get("key", String.class)).isEqualTo("value");
		this.ticker.advance(Duration.ofSeconds(1));
		assertThat(this.cache.get("key")).isNull();
	}

	@Test
	void putIfAbsentStoresAbsentValueAndReturnsNull() {
		assertThat(this.cache.putIfAbsent("key", "first")).isNull();
		assertThat(this.cache.get("key", String.class)).isEqualTo("first");
	}

	@Test
	void putIfAbsentKeepsAndReturnsExistingValue() {
		this.cache.put("key", "first");
		ValueWrapper existing = this.cache.putIfAbsent("key", "second");
		assertThat(existing).isNotNull();
		assertThat(existing.get()).isEqualTo("first");
		assertThat(this.cache.get("key", String.class)).isEqualTo("first");
	}

	@Test
	void putIfAbsentReturnsWrapperOfCachedNull() {
		this.cache.put("key", null);
		ValueWrapper existing = this.cache.putIfAbsent("key", "second");
		assertThat(existing).isNotNull();
		assertThat(existing.get()).isNull();
	}

	@Test
	void concurrentPutIfAbsentLetsExactlyOneWin() throws Exception {
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<ValueWrapper>> results = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			String value = "value-" + i;
			results.add(CompletableFuture.supplyAsync(() -> {
				awaitQuietly(start);
				return this.cache.putIfAbsent("key", value);
			}, (task) -> new Thread(task).start()));
		}
		start.countDown();
		long winners = 0;
		for (CompletableFuture<ValueWrapper> result : results) {
			ValueWrapper existing = result.get();
			if (existing == null) {
				winners++;
			}
			else {
				assertThat(existing.get()).isEqualTo(this.cache.get("key", String.class));
			}
		}
		assertThat(winners).isEqualTo(1);
	}

	@Test
	void evictRemovesTheEntry() {
		this.cache.put("key", "value");
		this.cache.evict("key");
		assertThat(this.cache.get("key")).isNull();
	}

	@Test
	void evictIfPresentTellsWhetherTheEntryExisted() {
		this.cache.put("key", "value");
		assertThat(this.cache.evictIfPresent("key")).isTrue();
		assertThat(this.cache.get("key")).isNull();
		assertThat(this.cache.evictIfPresent("key")).isFalse();
	}

	@Test
	void evictIfPresentReturnsFalseForExpiredEntry() {
		this.cache.put("key", "value");
		this.ticker.advance(Duration.ofSeconds(60));
		assertThat(this.cache.evictIfPresent("key")).isFalse();
	}

	@Test
	void clearRemovesEveryEntry() {
		this.cache.put("one", "1");
		this.cache.put("two", "2");
		this.cache.clear();
		assertThat(this.cache.get("one")).isNull();
		assertThat(this.cache.get("two")).isNull();
		assertThat(this.nativeCache).isEmpty();
	}

	@Test
	void invalidateTellsWhetherEntriesExisted() {
		assertThat(this.cache.invalidate()).isFalse();
		this.cache.put("one", "1");
		assertThat(this.cache.invalidate()).isTrue();
		assertThat(this.cache.get("one")).isNull();
		assertThat(this.cache.invalidate()).isFalse();
	}

	@Test
	void invalidateReturnsFalseWhenOnlyExpiredEntriesRemain() {
		this.cache.put("one", "1");
		this.ticker.advance(Duration.ofSeconds(60));
		assertThat(this.cache.invalidate()).isFalse();
	}

	@Test
	void loaderLoadsAndCachesOnMiss() {
		assertThat(this.cache.get("key", () -> "loaded")).isEqualTo("loaded");
		assertThat(this.cache.get("key", String.class)).isEqualTo("loaded");
	}

	@Test
	void loaderIsNotCalledOnHit() {
		this.cache.put("key", "cached");
		Callable<String> loader = () -> {
			throw new IllegalStateException("must not be called");
		};
		assertThat(this.cache.get("key", loader)).isEqualTo("cached");
	}

	@Test
	void nullFromLoaderIsCached() {
		AtomicInteger calls = new AtomicInteger();
		Callable<String> loader = () -> {
			calls.incrementAndGet();
			return null;
		};
		assertThat(this.cache.get("key", loader)).isNull();
		assertThat(this.cache.get("key", loader)).isNull();
		assertThat(calls.get()).isEqualTo(1);
		assertThat(this.nativeCache.get("key")).isSameAs(NullValue.INSTANCE);
	}

	@Test
	void nullFromLoaderFailsAndCachesNothingWhenNullValuesAreNotAllowed() {
		assertThatExceptionOfType(ValueRetrievalException.class).isThrownBy(() -> this.noNullCache.get("key", () -> null))
			.withCauseInstanceOf(IllegalArgumentException.class);
		assertThat(this.noNullCache.getNativeCache()).isEmpty();
	}

	@Test
	void loaderFailureIsWrappedAndCachesNothing() {
		UnsupportedOperationException failure = new UnsupportedOperationException("backend down");
		assertThatExceptionOfType(ValueRetrievalException.class).isThrownBy(() -> this.cache.get("key", () -> {
			throw failure;
		})).withCause(failure).satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("key"));
		assertThat(this.cache.get("key")).isNull();
		assertThat(this.cache.get("key", () -> "recovered")).isEqualTo("recovered");
	}

	@Test
	void concurrentCallersForOneKeyCallTheLoaderOnce() throws Exception {
		int callers = 8;
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		Callable<String> loader = () -> {
			calls.incrementAndGet();
			release.await();
			return "loaded";
		};
		List<Object> results = new CopyOnWriteArrayList<>();
		runBlockedCallers(callers, () -> results.add(this.cache.get("key", loader)), release);
		assertThat(calls.get()).isEqualTo(1);
		assertThat(results).hasSize(callers).containsOnly("loaded");
	}

	@Test
	void concurrentCallersOfAFailingLoaderCallTheirOwnLoadersOneAtATime() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		Callable<String> loader = () -> {
			calls.incrementAndGet();
			mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				release.await();
				throw new IllegalStateException("backend down");
			}
			finally {
				running.decrementAndGet();
			}
		};
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		runBlockedCallers(4, () -> {
			try {
				this.cache.get("key", loader);
			}
			catch (ValueRetrievalException ex) {
				failures.add(ex.getCause());
			}
		}, release);
		assertThat(calls).as("each caller retried once the load it waited for failed").hasValue(4);
		assertThat(mostAtOnce).as("loaders of the key at once").hasValue(1);
		assertThat(failures).hasSize(4).allSatisfy((cause) -> assertThat(cause).hasMessage("backend down"));
		assertThat(this.cache.get("key")).isNull();
	}

	/**
	 * Regression: an eviction of a key that was being loaded found nothing to evict and returned,
	 * and the load then cached the value it had read before the change the eviction was made for.
	 */
	@Test
	void evictDuringALoadWaitsForItAndEvictsTheLoadedValue() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Thread loader = startLoading("key", "read before the change", release);
		Thread evicting = new Thread(() -> this.cache.evict("key"));
		evicting.start();
		await().atMost(TIMEOUT).until(() -> isWaiting(evicting));
		release.countDown();
		loader.join(TIMEOUT.toMillis());
		evicting.join(TIMEOUT.toMillis());
		assertThat(evicting.isAlive()).isFalse();
		assertThat(this.cache.get("key")).isNull();
	}

	@Test
	void slowLoaderDoesNotBlockWritesToOtherKeys() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Thread loader = startLoading("slow", "slow value", release);
		assertTimeoutPreemptively(TIMEOUT, () -> {
			this.cache.put("other", "value");
			this.cache.evict("another");
		});
		assertThat(this.cache.get("other", String.class)).isEqualTo("value");
		release.countDown();
		loader.join(TIMEOUT.toMillis());
		assertThat(this.cache.get("slow", String.class)).isEqualTo("slow value");
	}

	@Test
	void loaderAskingForItsOwnKeyFailsInsteadOfWaitingForever() {
		assertTimeoutPreemptively(TIMEOUT, () -> assertThatExceptionOfType(ValueRetrievalException.class)
			.isThrownBy(() -> this.cache.get("key", () -> this.cache.get("key", () -> "inner")))
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessageContaining("Recursive update of key 'key'"));
		assertThat(this.cache.get("key", () -> "next")).isEqualTo("next");
	}

	@Test
	void retrieveReturnsNullWhenAbsent() {
		assertThat(this.cache.retrieve("key")).isNull();
	}

	@Test
	void retrieveReturnsCompletedWrapperWhenPresent() {
		this.cache.put("key", "value");
		CompletableFuture<?> future = this.cache.retrieve("key");
		assertThat(future).isCompletedWithValueMatching(
				(value) -> value instanceof ValueWrapper wrapper && "value".equals(wrapper.get()));
	}

	@Test
	void retrieveReturnsPlainValueWhenNullValuesAreNotAllowed() {
		this.noNullCache.put("key", "value");
		CompletableFuture<?> future = this.noNullCache.retrieve("key");
		assertThat(future).isNotNull();
		assertThat(future.join()).isEqualTo("value");
	}

	@Test
	void concurrentAsyncCallersShareOneLoad() {
		AtomicInteger calls = new AtomicInteger();
		CompletableFuture<String> backend = new CompletableFuture<>();
		CompletableFuture<String> first = this.cache.retrieve("key", () -> {
			calls.incrementAndGet();
			return backend;
		});
		CompletableFuture<String> second = this.cache.retrieve("key", () -> {
			calls.incrementAndGet();
			return CompletableFuture.completedFuture("other");
		});
		assertThat(first).isNotDone();
		assertThat(second).isNotDone();
		backend.complete("loaded");
		assertThat(first).isCompletedWithValue("loaded");
		assertThat(second).isCompletedWithValue("loaded");
		assertThat(calls.get()).isEqualTo(1);
		assertThat(this.cache.get("key", String.class)).isEqualTo("loaded");
	}

	@Test
	void asyncLoaderIsNotCalledOnHit() {
		this.cache.put("key", null);
		CompletableFuture<String> result = this.cache.retrieve("key", () -> {
			throw new IllegalStateException("must not be called");
		});
		assertThat(result).isCompletedWithValueMatching((value) -> value == null);
	}

	@Test
	void failedAsyncLoadPropagatesAndCachesNothing() {
		CompletableFuture<String> result = this.cache.retrieve("key",
				() -> CompletableFuture.failedFuture(new IllegalStateException("backend down")));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(result::get)
			.withRootCauseInstanceOf(IllegalStateException.class)
			.withMessageContaining("backend down");
		assertThat(this.cache.get("key")).isNull();
		assertThat(this.cache.retrieve("key", () -> CompletableFuture.completedFuture("recovered")))
			.isCompletedWithValue("recovered");
	}

	@Test
	void asyncLoaderThatThrowsFailsTheFuture() {
		CompletableFuture<String> result = this.cache.retrieve("key", () -> {
			throw new IllegalStateException("backend down");
		});
		assertThat(result).isCompletedExceptionally();
		assertThat(this.cache.get("key")).isNull();
	}

	@Test
	void valueLargerThanTheBudgetIsDroppedWithTheOldValue() {
		FaasSpringCache small = new FaasSpringCache("small", FaasCache.builder().maxSize("64K").build());
		small.put("key", "old");
		small.put("key", new byte[128 * 1024]);
		assertThat(small.get("key")).isNull();
		assertThat(small.getNativeCache().stats().rejectionCount()).isEqualTo(1);
	}

	@Test
	void putIfAbsentOfValueLargerThanTheBudgetCachesNothing() {
		FaasSpringCache small = new FaasSpringCache("small", FaasCache.builder().maxSize("64K").build());
		assertThat(small.putIfAbsent("key", new byte[128 * 1024])).isNull();
		assertThat(small.get("key")).isNull();
	}

	@Test
	void loadedValueLargerThanTheBudgetIsReturnedUncached() {
		FaasSpringCache small = new FaasSpringCache("small", FaasCache.builder().maxSize("64K").build());
		byte[] large = new byte[128 * 1024];
		assertThat(small.get("key", () -> large)).isSameAs(large);
		assertThat(small.get("key")).isNull();
	}

	/**
	 * Start loading the key on another thread, with a loader that returns the value once the latch
	 * opens, and return that thread once the loader runs.
	 */
	private Thread startLoading(String key, String value, CountDownLatch release) throws InterruptedException {
		CountDownLatch loading = new CountDownLatch(1);
		Thread loader = new Thread(() -> this.cache.get(key, () -> {
			loading.countDown();
			release.await();
			return value;
		}));
		loader.start();
		assertThat(loading.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		return loader;
	}

	/**
	 * Start callers on their own threads, wait until every one of them is blocked (in the loader,
	 * or waiting for another caller's load), then open the latch the loader waits on and wait for
	 * all callers to finish.
	 */
	private static void runBlockedCallers(int callers, Runnable caller, CountDownLatch release)
			throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			Thread thread = new Thread(caller);
			threads.add(thread);
			thread.start();
		}
		await().atMost(TIMEOUT).until(() -> threads.stream().allMatch(FaasSpringCacheTests::isWaiting));
		release.countDown();
		for (Thread thread : threads) {
			thread.join(TIMEOUT.toMillis());
		}
	}

	private static boolean isWaiting(Thread thread) {
		Thread.State state = thread.getState();
		return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
