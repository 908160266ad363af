/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faascache.spring.RestorePolicy;
import dev.faascache.spring.SecondLevelSerialization;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties of the caches, under the prefix {@code faas.cache}: the bounds of every
 * cache, overrides of those bounds by cache name under {@code faas.cache.caches} (a {@link Cache}
 * each), the settings of the cache manager, and the second level in Redis ({@link L2}). Sizes are
 * strings parsed by {@link dev.faascache.ByteSize#parse(String)}, so that {@code 128M},
 * {@code 128MB} and {@code 134217728} all work.
 * <p>
 * <b>Note:</b> the bounds of every cache are fields of this class rather than a nested
 * {@link Cache}, because configuration properties have no way to bind a nested object without a
 * prefix of its own, and {@code faas.cache.max-size} must stay as it is.
 */
@ConfigurationProperties("faas.cache")
public class FaasCacheProperties {

	/**
	 * Byte budget of each cache, unless overridden under 'faas.cache.caches': a number of bytes, or
	 * a number with a unit K, M, G or T (base 1024), such as 134217728, 128M or 128MB, or a share of
	 * the maximum heap, such as 25%. Not bounded by bytes when not set.
	 */
	private @Nullable String maxSize;

	/**
	 * Most entries each cache holds, unless overridden under 'faas.cache.caches'. Not bounded by
	 * item count when not set.
	 */
	private @Nullable Long maxItems;

	/**
	 * Time to live of the entries of each cache, unless overridden under 'faas.cache.caches', such
	 * as 60s or 5m; a bare number means seconds. Entries do not expire when not set.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration defaultTtl;

	/**
	 * Names of the caches to create at startup, in addition to those configured under
	 * 'faas.cache.caches'.
	 */
	private List<String> cacheNames = new ArrayList<>();

	/**
	 * Whether to create a cache on first use for a name not configured up front.
	 */
	private boolean dynamic = true;

	/**
	 * Whether to cache null values.
	 */
	private boolean allowNullValues = true;

	/**
	 * Bounds of individual caches, by cache name, overriding the bounds set for every cache.
	 * Each cache named here is created at startup.
	 */
	private Map<String, Cache> caches = new LinkedHashMap<>();

	/**
	 * Byte budget of all caches of the manager together, such as 256M or 25% of the heap. When it
	 * is exceeded, the least recently used entry across all caches is evicted first; the bounds of
	 * each cache still apply. Unbounded when not set.
	 */
	private @Nullable String totalMaxSize;

	/**
	 * What the caches do when the JVM is restored from a snapshot (AWS Lambda SnapStart, CRaC):
	 * 'keep' every entry, 'clear' them all, or 'expire' those whose time to live ran out in
	 * wall-clock time since the snapshot. Needs org.crac:crac on the classpath.
	 */
	private RestorePolicy onRestore = RestorePolicy.EXPIRE;

	private final L2 l2 = new L2();

	/**
	 * Return the byte budget of each cache, as written.
	 * @return the size, or {@code null} if not set
	 */
	public @Nullable String getMaxSize() {
		return this.maxSize;
	}

	/**
	 * Set the byte budget of each cache, such as {@code 128M}.
	 * @param maxSize the size, or {@code null} to unset it
	 */
	public void setMaxSize(@Nullable String maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * Return the most entries each cache holds.
	 * @return the bound, or {@code null} if not set
	 */
	public @Nullable Long getMaxItems() {
		return this.maxItems;
	}

	/**
	 * Set the most entries each cache holds.
	 * @param maxItems the bound, or {@code null} to unset it
	 */
	public void setMaxItems(@Nullable Long maxItems) {
		this.maxItems = maxItems;
	}

	/**
	 * Return the time to live of the entries of each cache.
	 * @return the time to live, or {@code null} if not set
	 */
	public @Nullable Duration getDefaultTtl() {
		return this.defaultTtl;
	}

	/**
	 * Set the time to live of the entries of each cache.
	 * @param defaultTtl the time to live, or {@code null} to unset it
	 */
	public void setDefaultTtl(@Nullable Duration defaultTtl) {
		this.defaultTtl = defaultTtl;
	}

	/**
	 * Return the names of the caches to create at startup.
	 * @return the cache names
	 */
	public List<String> getCacheNames() {
		return this.cacheNames;
	}

	/**
	 * Set the names of the caches to create at startup.
	 * @param cacheNames the cache names
	 */
	public void setCacheNames(List<String> cacheNames) {
		this.cacheNames = cacheNames;
	}

	/**
	 * Return whether a cache is created on first use for a name not configured up front.
	 * @return {@code true} if caches are created on demand
	 */
	public boolean isDynamic() {
		return this.dynamic;
	}

	/**
	 * Set whether to create a cache on first use for a name not configured up front.
	 * @param dynamic whether to create caches on demand
	 */
	public void setDynamic(boolean dynamic) {
		this.dynamic = dynamic;
	}

	/**
	 * Return whether null values are cached.
	 * @return {@code true} if null values are cached
	 */
	public boolean isAllowNullValues() {
		return this.allowNullValues;
	}

	/**
	 * Set whether to cache null values.
	 * @param allowNullValues whether to cache null values
	 */
	public void setAllowNullValues(boolean allowNullValues) {
		this.allowNullValues = allowNullValues;
	}

	/**
	 * Return the bounds of individual caches, by cache name.
	 * @return the per-cache bounds
	 */
	public Map<String, Cache> getCaches() {
		return this.caches;
	}

	/**
	 * Set the bounds of individual caches, by cache name.
	 * @param caches the per-cache bounds
	 */
	public void setCaches(Map<String, Cache> caches) {
		this.caches = caches;
	}

	/**
	 * Return the byte budget of all caches together.
	 * @return the budget as written, or {@code null} if unbounded
	 */
	public @Nullable String getTotalMaxSize() {
		return this.totalMaxSize;
	}

	/**
	 * Set the byte budget of all caches together.
	 * @param totalMaxSize the budget, such as {@code 256M} or {@code 25%}, or {@code null}
	 */
	public void setTotalMaxSize(@Nullable String totalMaxSize) {
		this.totalMaxSize = totalMaxSize;
	}

	/**
	 * Return what the caches do when the JVM is restored from a snapshot.
	 * @return the restore policy
	 */
	public RestorePolicy getOnRestore() {
		return this.onRestore;
	}

	/**
	 * Set what the caches do when the JVM is restored from a snapshot.
	 * @param onRestore the restore policy
	 */
	public void setOnRestore(RestorePolicy onRestore) {
		this.onRestore = onRestore;
	}

	/**
	 * Return the settings of the second level of every cache, in Redis, and of its connection.
	 * @return the second level settings
	 */
	public L2 getL2() {
		return this.l2;
	}

	/**
	 * Bounds of one cache, under {@code faas.cache.caches.<name>}. A bound left unset takes the
	 * value set for every cache under {@code faas.cache}; a bound set nowhere does not apply.
	 */
	public static class Cache {

		/**
		 * Byte budget of this cache, in the same forms as 'faas.cache.max-size'.
		 */
		private @Nullable String maxSize;

		/**
		 * Most entries this cache holds.
		 */
		private @Nullable Long maxItems;

		/**
		 * Time to live of the entries of this cache; a bare number means seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration defaultTtl;

		private final CacheL2 l2 = new CacheL2();

		/**
		 * Return the byte budget of this cache, as written.
		 * @return the size, or {@code null} if not set
		 */
		public @Nullable String getMaxSize() {
			return this.maxSize;
		}

		/**
		 * Set the byte budget of this cache, such as {@code 128M}.
		 * @param maxSize the size, or {@code null} to unset it
		 */
		public void setMaxSize(@Nullable String maxSize) {
			this.maxSize = maxSize;
		}

		/**
		 * Return the most entries this cache holds.
		 * @return the bound, or {@code null} if not set
		 */
		public @Nullable Long getMaxItems() {
			return this.maxItems;
		}

		/**
		 * Set the most entries this cache holds.
		 * @param maxItems the bound, or {@code null} to unset it
		 */
		public void setMaxItems(@Nullable Long maxItems) {
			this.maxItems = maxItems;
		}

		/**
		 * Return the time to live of the entries of this cache.
		 * @return the time to live, or {@code null} if not set
		 */
		public @Nullable Duration getDefaultTtl() {
			return this.defaultTtl;
		}

		/**
		 * Set the time to live of the entries of this cache.
		 * @param defaultTtl the time to live, or {@code null} to unset it
		 */
		public void setDefaultTtl(@Nullable Duration defaultTtl) {
			this.defaultTtl = defaultTtl;
		}

		/**
		 * Return the settings of this cache's second level.
		 * @return the second level settings
		 */
		public CacheL2 getL2() {
			return this.l2;
		}

	}

	/**
	 * Second level of one cache, under {@code faas.cache.caches.<name>.l2}. A setting left unset
	 * takes the value set for every cache under {@code faas.cache.l2}.
	 */
	public static class CacheL2 {

		/**
		 * Whether this cache keeps its entries in Redis too.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Time to live of this cache's entries in Redis; a bare number means seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration ttl;

		private final CacheCoherence coherence = new CacheCoherence();

		/**
		 * Return the coherence of this cache's heap with those of the other instances.
		 * @return the coherence settings
		 */
		public CacheCoherence getCoherence() {
			return this.coherence;
		}

		/**
		 * Return whether this cache keeps its entries in Redis too.
		 * @return the setting, or {@code null} if not set
		 */
		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		/**
		 * Set whether this cache keeps its entries in Redis too.
		 * @param enabled the setting, or {@code null} to unset it
		 */
		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Return the time to live of this cache's entries in Redis.
		 * @return the time to live, or {@code null} if not set
		 */
		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		/**
		 * Set the time to live of this cache's entries in Redis.
		 * @param ttl the time to live, or {@code null} to unset it
		 */
		public void setTtl(@Nullable Duration ttl) {
			this.ttl = ttl;
		}

	}

	/**
	 * Coherence of one cache's heap with those of the other instances, under
	 * {@code faas.cache.caches.<name>.l2.coherence}.
	 */
	public static class CacheCoherence {

		/**
		 * Whether an eviction, write or clear of this cache on one instance drops the entry from
		 * the heaps of the others.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Return whether this cache's heap is kept coherent.
		 * @return the setting, or {@code null} if not set
		 */
		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		/**
		 * Set whether this cache's heap is kept coherent.
		 * @param enabled the setting, or {@code null} to unset it
		 */
		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Second level of every cache, under {@code faas.cache.l2}: whether caches keep their entries
	 * in Redis and for how long, unless overridden by a cache's own {@link CacheL2}, and how the
	 * second level talks to Redis, shared by all caches.
	 */
	public static class L2 {

		/**
		 * Whether to keep the entries of each cache in Redis as well as in the heap, unless
		 * overridden under 'faas.cache.caches': reads that miss the heap try Redis before calling
		 * the method, and writes and evictions go to both. Needs Spring Data Redis and a
		 * RedisConnectionFactory.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Time to live of the entries in Redis, unless overridden under 'faas.cache.caches', such
		 * as 10m; a bare number means seconds. The default-ttl of each cache when not set; entries
		 * do not expire in Redis when neither is set.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration ttl;

		/**
		 * Timeout of each Redis command of the second level. A command that takes longer counts as
		 * a failure and the caller goes on without Redis. Applies to the second level's own
		 * Lettuce connection only, not to the application's other Redis clients.
		 */
		private Duration timeout = Duration.ofMillis(250);

		/**
		 * Timeout of connecting to Redis for the second level, TLS handshake included.
		 */
		private Duration connectTimeout = Duration.ofSeconds(1);

		/**
		 * Prefix of every Redis key the second level writes, before the cache name, such as
		 * 'orders:' when several applications share one Redis: keys are prefix + cache name +
		 * '::' + key. No prefix when not set.
		 */
		private @Nullable String keyPrefix;

		/**
		 * How values are written to Redis: 'json' (with their type, read back only for trusted
		 * packages) or 'jdk' (Java serialization, which runs code from whoever can write to Redis).
		 */
		private SecondLevelSerialization serialization = SecondLevelSerialization.JSON;

		/**
		 * Packages, with their subpackages, whose classes JSON values, and the enum and record
		 * keys of invalidations, may be read back as, in addition to the application's own
		 * packages and to the JDK's plain values and collections, such as com.example.orders; a
		 * top-level package such as 'com' is refused.
		 * '*' trusts every class but java.lang.Class and the others whose creation runs code.
		 */
		private List<String> trustedPackages = new ArrayList<>();

		/**
		 * Shortest time between two logged errors of the second level; the errors in between are
		 * counted, and the next log line says how many there were.
		 */
		private Duration logInterval = Duration.ofMinutes(1);

		private final Breaker circuitBreaker = new Breaker();

		private final Coherence coherence = new Coherence();

		/**
		 * Return the settings of the coherence of the heaps of the instances.
		 * @return the coherence settings
		 */
		public Coherence getCoherence() {
			return this.coherence;
		}

		/**
		 * Return whether the entries are kept in Redis too.
		 * @return the setting, or {@code null} if not set
		 */
		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		/**
		 * Set whether the entries are kept in Redis too.
		 * @param enabled the setting, or {@code null} to unset it
		 */
		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Return the time to live of the entries in Redis.
		 * @return the time to live, or {@code null} if not set
		 */
		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		/**
		 * Set the time to live of the entries in Redis.
		 * @param ttl the time to live, or {@code null} to unset it
		 */
		public void setTtl(@Nullable Duration ttl) {
			this.ttl = ttl;
		}

		/**
		 * Return the timeout of each Redis command.
		 * @return the timeout
		 */
		public Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Set the timeout of each Redis command.
		 * @param timeout the timeout
		 */
		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * Return the timeout of connecting to Redis.
		 * @return the timeout
		 */
		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		/**
		 * Set the timeout of connecting to Redis.
		 * @param connectTimeout the timeout
		 */
		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		/**
		 * Return the prefix of every Redis key.
		 * @return the prefix, or {@code null} for none
		 */
		public @Nullable String getKeyPrefix() {
			return this.keyPrefix;
		}

		/**
		 * Set the prefix of every Redis key.
		 * @param keyPrefix the prefix, or {@code null} for none
		 */
		public void setKeyPrefix(@Nullable String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		/**
		 * Return how values are written to Redis.
		 * @return the serialization
		 */
		public SecondLevelSerialization getSerialization() {
			return this.serialization;
		}

		/**
		 * Set how values are written to Redis.
		 * @param serialization the serialization
		 */
		public void setSerialization(SecondLevelSerialization serialization) {
			this.serialization = serialization;
		}

		/**
		 * Return the packages whose classes JSON values may be read back as.
		 * @return the package names
		 */
		public List<String> getTrustedPackages() {
			return this.trustedPackages;
		}

		/**
		 * Set the packages whose classes JSON values and the keys of invalidations may be read
		 * back as.
		 * @param trustedPackages the package names, or {@code *} for all
		 */
		public void setTrustedPackages(List<String> trustedPackages) {
			this.trustedPackages = trustedPackages;
		}

		/**
		 * Return the shortest time between two logged errors.
		 * @return the interval
		 */
		public Duration getLogInterval() {
			return this.logInterval;
		}

		/**
		 * Set the shortest time between two logged errors.
		 * @param logInterval the interval
		 */
		public void setLogInterval(Duration logInterval) {
			this.logInterval = logInterval;
		}

		/**
		 * Return the settings of the circuit breaker.
		 * @return the circuit breaker settings
		 */
		public Breaker getCircuitBreaker() {
			return this.circuitBreaker;
		}

		/**
		 * Coherence of the heaps of the instances, for every cache with a second level.
		 */
		public static class Coherence {

			/**
			 * Whether an eviction, write or clear on one instance drops the entry from the heaps
			 * of the other instances too, through Redis pub/sub, unless overridden under
			 * 'faas.cache.caches'. Needs the second level's own Lettuce connection.
			 */
			private boolean enabled = true;

			/**
			 * Longest time a cache answers from the heap without news from Redis: after that long
			 * without a message, and after the subscription was lost or a restore, a cache reads its
			 * version in Redis (one round trip) before it answers, and clears its heap if it missed
			 * an invalidation.
			 */
			private Duration maxSilence = Duration.ofSeconds(1);

			/**
			 * Return whether the heaps are kept coherent.
			 * @return the setting
			 */
			public boolean isEnabled() {
				return this.enabled;
			}

			/**
			 * Set whether the heaps are kept coherent.
			 * @param enabled the setting
			 */
			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			/**
			 * Return the longest time a cache answers from the heap without news from Redis.
			 * @return the duration
			 */
			public Duration getMaxSilence() {
				return this.maxSilence;
			}

			/**
			 * Set the longest time a cache answers from the heap without news from Redis.
			 * @param maxSilence the duration
			 */
			public void setMaxSilence(Duration maxSilence) {
				this.maxSilence = maxSilence;
			}

		}

		/**
		 * Circuit breaker of the second level, shared by all caches.
		 */
		public static class Breaker {

			/**
			 * Failed Redis calls in a row that open the breaker. While it is open, caches skip
			 * Redis and answer from the heap or the method.
			 */
			private int failureThreshold = 3;

			/**
			 * How long the breaker stays open before it lets one call through to Redis to probe
			 * it; the breaker closes if that call succeeds and opens again if it fails.
			 */
			private Duration openDuration = Duration.ofSeconds(10);

			/**
			 * Return how many failed calls in a row open the breaker.
			 * @return the threshold
			 */
			public int getFailureThreshold() {
				return this.failureThreshold;
			}

			/**
			 * Set how many failed calls in a row open the breaker.
			 * @param failureThreshold the threshold
			 */
			public void setFailureThreshold(int failureThreshold) {
				this.failureThreshold = failureThreshold;
			}

			/**
			 * Return how long the breaker stays open before a probe.
			 * @return the duration
			 */
			public Duration getOpenDuration() {
				return this.openDuration;
			}

			/**
			 * Set how long the breaker stays open before a probe.
			 * @param openDuration the duration
			 */
			public void setOpenDuration(Duration openDuration) {
				this.openDuration = openDuration;
			}

		}

	}

}
