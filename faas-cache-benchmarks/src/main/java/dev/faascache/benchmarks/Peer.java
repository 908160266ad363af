/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.faascache.FaasCache;
import dev.faascache.Sizer;
import org.github.jamm.MemoryMeter;

import org.springframework.cache.concurrent.ConcurrentMapCache;

/**
 * The caches compared, each built with the same bounds: what users pick instead of FaasCache
 * (Caffeine, with or without a hand-written weigher, and a synchronized {@link LinkedHashMap} in
 * access order), what Spring uses when no provider is configured ({@link ConcurrentMapCache},
 * unbounded), and the physical limit of a concurrent map ({@link ConcurrentHashMap}, unbounded).
 */
public enum Peer {

	/**
	 * FaasCache bounded by item count only, as Caffeine's {@code maximumSize}, with a constant
	 * sizer, so that only the cache's own work is measured.
	 */
	FAAS_CACHE("FaasCache (maxItems)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			FaasCache<Object, Object> cache = FaasCache.builder()
				.maxItems(bounds.maxItems())
				.sizer(CONSTANT_SIZER)
				.build();
			return adapt(cache);
		}
	},

	/**
	 * FaasCache as users run it: every entry measured by the default deep sizer, bounded by bytes,
	 * item count and time to live.
	 */
	FAAS_CACHE_BYTES("FaasCache (maxSize + maxItems + TTL)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			FaasCache<Object, Object> cache = FaasCache.builder()
				.maxSize(bounds.maxBytes())
				.maxItems(bounds.maxItems())
				.defaultTtl(TTL)
				.build();
			return adapt(cache);
		}
	},

	/** Caffeine bounded by entry count. */
	CAFFEINE("Caffeine (maximumSize)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			Cache<Object, Object> cache = Caffeine.newBuilder().maximumSize(bounds.maxItems()).build();
			return adapt(cache);
		}
	},

	/**
	 * Caffeine bounded by bytes the way its users must do it: a weigher that measures key and
	 * value with jamm, and a variable expiry.
	 */
	CAFFEINE_WEIGHED("Caffeine (jamm weigher + expiry)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			Cache<Object, Object> cache = Caffeine.newBuilder()
				.maximumWeight(bounds.maxBytes())
				.weigher((key, value) -> (int) Math.min(Integer.MAX_VALUE, JAMM.sizeOf(key) + JAMM.sizeOf(value)))
				.expireAfter(new FixedExpiry())
				.build();
			return adapt(cache);
		}
	},

	/** The classic LRU map: a {@link LinkedHashMap} in access order behind one lock. */
	SYNCHRONIZED_LRU("synchronized LinkedHashMap") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			long maxItems = bounds.maxItems();
			Map<Object, Object> map = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

				@Override
				protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
					return size() > maxItems;
				}

			});
			return adapt(map);
		}
	},

	/** Spring's default cache: a {@link ConcurrentHashMap} behind the {@code Cache} API, unbounded. */
	SPRING_CONCURRENT_MAP("Spring ConcurrentMapCache (unbounded)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			ConcurrentMapCache cache = new ConcurrentMapCache("benchmark", false);
			return new BenchmarkCache() {

				@Override
				public Object get(Object key) {
					org.springframework.cache.Cache.ValueWrapper wrapper = cache.get(key);
					return (wrapper != null) ? wrapper.get() : null;
				}

				@Override
				public void put(Object key, Object value) {
					cache.put(key, value);
				}

			};
		}
	},

	/** The physical limit: a plain {@link ConcurrentHashMap}, unbounded. */
	CONCURRENT_HASH_MAP("ConcurrentHashMap (unbounded)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(new ConcurrentHashMap<>());
		}
	};

	/** Time to live of the caches bounded by time: longer than any benchmark runs. */
	static final Duration TTL = Duration.ofHours(1);

	private final String label;

	Peer(String label) {
		this.label = label;
	}

	/**
	 * Return the name of this peer in reports.
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Create an empty cache of this peer with the given bounds.
	 */
	abstract BenchmarkCache create(Bounds bounds);

	private static BenchmarkCache adapt(Map<Object, Object> map) {
		return new BenchmarkCache() {

			@Override
			public Object get(Object key) {
				return map.get(key);
			}

			@Override
			public void put(Object key, Object value) {
				map.put(key, value);
			}

		};
	}

	private static BenchmarkCache adapt(Cache<Object, Object> cache) {
		return new BenchmarkCache() {

			@Override
			public Object get(Object key) {
				return cache.getIfPresent(key);
			}

			@Override
			public void put(Object key, Object value) {
				cache.put(key, value);
			}

		};
	}

	/**
	 * The operations every benchmark uses.
	 */
	interface BenchmarkCache {

		Object get(Object key);

		void put(Object key, Object value);

	}

	/**
	 * Bounds shared by every peer of a benchmark; the unbounded peers ignore them.
	 * @param maxItems the most entries
	 * @param maxBytes the byte budget of the caches bounded by bytes
	 */
	record Bounds(long maxItems, long maxBytes) {
	}

	/** A sizer that measures nothing, for benchmarks of the cache's own cost. */
	static final Sizer CONSTANT_SIZER = new Sizer() {

		@Override
		public long sizeOf(Object object) {
			return 64;
		}

		@Override
		public String toString() {
			return "constant";
		}

	};

	/** A variable expiry that gives every entry the same time to live on creation and update. */
	private static final class FixedExpiry implements Expiry<Object, Object> {

		@Override
		public long expireAfterCreate(Object key, Object value, long currentTime) {
			return TTL.toNanos();
		}

		@Override
		public long expireAfterUpdate(Object key, Object value, long currentTime, long currentDuration) {
			return TTL.toNanos();
		}

		@Override
		public long expireAfterRead(Object key, Object value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

	/** Jamm's own deep measurement, the way a Caffeine user would write a weigher. */
	static final Sizer JAMM = new Sizer() {

		private final MemoryMeter meter = MemoryMeter.builder().build();

		@Override
		public long sizeOf(Object object) {
			return this.meter.measureDeep(object);
		}

		@Override
		public String toString() {
			return "jamm";
		}

	};

}
