/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Loads in progress, at most one per key, so that callers asking at the same time for the same
 * missing key share one call of a loader instead of each calling theirs.
 * <p>
 * A load is registered in a {@link ConcurrentHashMap} only while it runs; the loader itself runs
 * outside any lock of the map or of the cache, so a slow loader delays only the callers that
 * wait for the same key. Serves the asynchronous loads of
 * {@link FaasSpringCache#retrieve(Object, java.util.function.Supplier)}, whose callers must never
 * wait; synchronous loads rest on {@link dev.faascache.FaasCache#computeIfAbsent}.
 */
final class InFlightLoads {

	private final ConcurrentMap<Object, Load> loads = new ConcurrentHashMap<>();

	/**
	 * Join the load running for the key, or else start one with the given loader on this thread.
	 * The loader of the caller that starts the load runs until the future it returns is created;
	 * the loaders of the callers that join are never called. Every caller gets the same outcome,
	 * value or failure; the key is free for a new load as soon as that outcome is known.
	 * @param key the key to load
	 * @param loader starts the load and returns its future outcome; an exception it throws becomes
	 * the outcome
	 * @return the outcome of the load, shared by all callers of this load
	 * @throws IllegalStateException if the loader running on this thread for the key asks for the
	 * same key again, which would otherwise wait for itself forever
	 */
	CompletableFuture<Object> join(Object key, Supplier<CompletableFuture<Object>> loader) {
		Load mine = new Load(Thread.currentThread());
		Load running = this.loads.putIfAbsent(key, mine);
		if (running != null) {
			if (running.owner == Thread.currentThread()) {
				throw new IllegalStateException("Recursive load of key '" + key
						+ "': the loader for this key asked the cache for the same key");
			}
			return running.outcome;
		}
		CompletableFuture<Object> started;
		try {
			started = loader.get();
		}
		catch (Throwable ex) {
			started = CompletableFuture.failedFuture(ex);
		}
		finally {
			mine.owner = null;
		}
		started.whenComplete((value, failure) -> {
			this.loads.remove(key, mine);
			if (failure != null) {
				mine.outcome.completeExceptionally(failure);
			}
			else {
				mine.outcome.complete(value);
			}
		});
		return mine.outcome;
	}

	private static final class Load {

		private final CompletableFuture<Object> outcome = new CompletableFuture<>();

		/** Thread running the loader until it returns its future; {@code null} after. */
		private volatile Thread owner;

		private Load(Thread owner) {
			this.owner = owner;
		}

	}

}
