/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.faascache.EntryTooLargeException;
import dev.faascache.FaasCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;

/**
 * Spring {@link org.springframework.cache.Cache} adapter for a {@link FaasCache}: a cache bounded
 * by bytes of heap, by item count and by time to live.
 * <p>
 * {@code null} values are stored as {@link NullValue} when allowed.
 * {@link #get(Object, Callable)} loads through {@link FaasCache#computeIfAbsent}, so its loader
 * runs outside any lock of the cache, one at a time per key: callers that ask for a key while it
 * is being loaded wait for that load and get its value; if it fails, each calls its own loader in
 * turn, as with Spring's caches on a {@code ConcurrentHashMap} or Caffeine. A {@link #put},
 * {@link #evict} or {@link #evictIfPresent} of the key waits for the load and acts on its value,
 * so that no value loaded before an eviction is cached after it. {@link #clear()} does not wait
 * for loads. {@link #retrieve(Object, Supplier)} never blocks: callers asking for a key while its
 * asynchronous loader runs share that loader's future, value or failure.
 * <p>
 * <b>Note:</b> a value larger than the whole byte budget of the cache is not cached: the write is
 * dropped, an older value for the key is evicted so that no stale value remains, and the refusal
 * is counted in {@link FaasCache#stats()}. The first refusal is logged as a warning, later ones at
 * debug level. An eviction does not cancel an asynchronous load already running for the key: its
 * value is cached when its future completes, on the thread that completes it, which waits if a
 * {@link #get(Object, Callable)} of the same key is loading it meanwhile.
 */
public class FaasSpringCache extends AbstractValueAdaptingCache {

	private static final Log logger = LogFactory.getLog(FaasSpringCache.class);

	private final String name;

	private final FaasCache<Object, Object> cache;

	private final InFlightLoads loads = new InFlightLoads();

	private final AtomicBoolean refusalLogged = new AtomicBoolean();

	/**
	 * Create a cache that allows {@code null} values.
	 * @param name the name of the cache
	 * @param cache the cache that holds the entries
	 */
	public FaasSpringCache(String name, FaasCache<Object, Object> cache) {
		this(name, cache, true);
	}

	/**
	 * Create a cache.
	 * @param name the name of the cache
	 * @param cache the cache that holds the entries
	 * @param allowNullValues whether to accept and store {@code null} values
	 */
	public FaasSpringCache(String name, FaasCache<Object, Object> cache, boolean allowNullValues) {
		super(allowNullValues);
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.cache = Objects.requireNonNull(cache, "cache must not be null");
	}

	@Override
	public final String getName() {
		return this.name;
	}

	/**
	 * Return the {@link FaasCache} that holds the entries, with {@link NullValue} standing for
	 * cached {@code null} values.
	 */
	@Override
	public final FaasCache<Object, Object> getNativeCache() {
		return this.cache;
	}

	/**
	 * Return the value cached for the key in the heap or, when the heap misses, in the second
	 * level.
	 */
	@Override
	protected @Nullable Object lookup(Object key) {
		Object cached = this.cache.get(key);
		return (cached != null) ? cached : lookupSecondLevel(key);
	}

	/**
	 * Return the value that a second level behind the heap holds for the key, once the heap has
	 * missed, and cache it in the heap; called by at most one thread at a time per key when a
	 * loader is given, for {@link #get(Object, Callable)} by the thread that holds the key in
	 * {@link FaasCache#computeIfAbsent}, which may write it. This cache has no second level and
	 * returns {@code null}.
	 * @param key the key to look up
	 * @return the store value, {@link NullValue} for a cached {@code null}, or {@code null} if
	 * the second level holds no value for the key
	 * @see TwoLevelFaasSpringCache
	 */
	protected @Nullable Object lookupSecondLevel(Object key) {
		return null;
	}

	/**
	 * Return the value cached for the key, or else load it, cache it and return it. Only one
	 * loader at a time runs per key; callers asking for the key meanwhile wait for it and get its
	 * value, or, if it fails, call their own loaders one after the other.
	 * @throws ValueRetrievalException if the loader throws an exception, or returns {@code null}
	 * when null values are not allowed; nothing is cached then
	 * @throws IllegalStateException if called by the loader of the same key, which would otherwise
	 * wait for itself forever
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		Load load = new Load(valueLoader);
		// The load stores what it finds through the hooks subclasses override and returns null, so
		// that the core stores nothing of its own and returns what the load stored, if anything
		Object cached = this.cache.computeIfAbsent(key, load);
		return (T) fromStoreValue((cached != null) ? cached : load.value);
	}

	/**
	 * Return the value cached for the key, in a completed future, without blocking.
	 * @return a future of a {@link ValueWrapper} (or of the plain value when null values are not
	 * allowed), or {@code null} if no value is cached for the key
	 */
	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		Object cached = lookup(key);
		if (cached == null) {
			return null;
		}
		return CompletableFuture.completedFuture(isAllowNullValues() ? toValueWrapper(cached) : fromStoreValue(cached));
	}

	/**
	 * Return the value cached for the key, or else the value of the future the loader returns,
	 * which is cached once it completes. Only one loader at a time runs per key; callers asking
	 * for the key meanwhile share its future. Never blocks.
	 * @return a future of the value, which fails if the loader or its future fails, or if it
	 * produces {@code null} when null values are not allowed; nothing is cached then
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		Object cached = this.cache.get(key);
		if (cached != null) {
			return CompletableFuture.completedFuture((T) fromStoreValue(cached));
		}
		return this.loads.join(key, () -> loadLater(key, valueLoader)).thenApply((value) -> (T) fromStoreValue(value));
	}

	private CompletableFuture<Object> loadLater(Object key, Supplier<? extends CompletableFuture<?>> valueLoader) {
		Object cached = peekOrLookupSecondLevel(key);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		return valueLoader.get().thenApply((loaded) -> {
			Object value = toStoreValue(loaded);
			storeLoaded(key, value);
			return value;
		});
	}

	/**
	 * Return the value cached for the key in the heap, where a load that just completed may have
	 * stored it, without counting a miss in the statistics when there is none, or else in the
	 * second level.
	 */
	private @Nullable Object peekOrLookupSecondLevel(Object key) {
		Object cached = this.cache.containsKey(key) ? this.cache.get(key) : null;
		return (cached != null) ? cached : lookupSecondLevel(key);
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		store(key, toStoreValue(value));
	}

	/**
	 * Cache the value unless one is cached for the key already, atomically.
	 * @return the value already cached, or {@code null} if the given value was cached (or refused
	 * as larger than the byte budget)
	 */
	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		try {
			return toValueWrapper(this.cache.putIfAbsent(key, toStoreValue(value)));
		}
		catch (EntryTooLargeException ex) {
			logRefusal(ex);
			return null;
		}
	}

	/**
	 * Cache the store value for the key in the heap, or evict the key if the value is larger than
	 * the byte budget.
	 * @param key the key
	 * @param value the store value, {@link NullValue} for {@code null}
	 */
	protected void store(Object key, Object value) {
		storeInHeap(key, value, null);
	}

	/**
	 * Cache the store value that an asynchronous loader produced, on the thread that completed
	 * the loader's future, which may be an event-loop thread that must not block.
	 * @param key the key
	 * @param value the store value, {@link NullValue} for {@code null}
	 */
	protected void storeLoaded(Object key, Object value) {
		store(key, value);
	}

	/**
	 * Cache the store value for the key in the heap with its own time to live, or evict the key if
	 * the value is larger than the byte budget.
	 * @param key the key
	 * @param value the store value, {@link NullValue} for {@code null}
	 * @param timeToLive how long the entry lives, positive
	 */
	protected final void store(Object key, Object value, Duration timeToLive) {
		storeInHeap(key, value, timeToLive);
	}

	private void storeInHeap(Object key, Object value, @Nullable Duration timeToLive) {
		try {
			if (timeToLive != null) {
				this.cache.put(key, value, timeToLive);
			}
			else {
				this.cache.put(key, value);
			}
		}
		catch (EntryTooLargeException ex) {
			this.cache.remove(key);
			logRefusal(ex);
		}
	}

	private void logRefusal(EntryTooLargeException ex) {
		if (this.refusalLogged.compareAndSet(false, true)) {
			logger.warn("Cache '" + this.name + "' did not cache a value larger than its byte budget; further "
					+ "refusals are logged at debug level and counted in its statistics: " + ex.getMessage());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Cache '" + this.name + "': " + ex.getMessage());
		}
	}

	@Override
	public void evict(Object key) {
		this.cache.remove(key);
	}

	/**
	 * Evict the entry for the key at once.
	 * @return {@code true} if a live entry was cached for the key
	 */
	@Override
	public boolean evictIfPresent(Object key) {
		return this.cache.remove(key) != null;
	}

	@Override
	public void clear() {
		this.cache.clear();
	}

	/**
	 * Remove every entry at once.
	 * @return {@code true} if the cache held live entries before
	 */
	@Override
	public boolean invalidate() {
		boolean notEmpty = !this.cache.isEmpty();
		this.cache.clear();
		return notEmpty;
	}

	/**
	 * A load by {@link #get(Object, Callable)}, run by {@link FaasCache#computeIfAbsent} while it
	 * holds the key: the second level, or else the loader, whose value is stored through
	 * {@link #store(Object, Object)} and kept here for the caller, since the heap may refuse it as
	 * larger than its byte budget.
	 */
	private final class Load implements Function<Object, Object> {

		private final Callable<?> loader;

		private @Nullable Object value;

		private Load(Callable<?> loader) {
			this.loader = loader;
		}

		@Override
		public @Nullable Object apply(Object key) {
			Object found = lookupSecondLevel(key);
			if (found != null) {
				this.value = found;
				return null;
			}
			try {
				this.value = toStoreValue(this.loader.call());
			}
			catch (Exception ex) {
				throw new ValueRetrievalException(key, this.loader, ex);
			}
			store(key, this.value);
			return null;
		}

	}

}
