/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.redis;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import dev.faascache.spring.AsyncPutCache;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@link RedisCache} that also writes through Lettuce's asynchronous API, on the factory's shared
 * connection: the {@code SET} is queued on that connection before any command issued after it,
 * such as the {@code DEL} of an eviction, and the calling thread never waits for Redis.
 */
final class LettuceRedisCache extends RedisCache implements AsyncPutCache {

	private final RedisConnectionFactory connectionFactory;

	LettuceRedisCache(String name, RedisCacheWriter cacheWriter, RedisCacheConfiguration configuration,
			RedisConnectionFactory connectionFactory) {
		super(name, cacheWriter, configuration);
		this.connectionFactory = connectionFactory;
	}

	/**
	 * Write the value as {@link #put(Object, Object)} does, with the same key, serialization and
	 * time to live, without waiting for Redis.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public CompletionStage<?> putAsync(Object key, @Nullable Object value) {
		Object cacheValue = preProcessCacheValue(value);
		if (cacheValue == null) {
			throw new IllegalArgumentException("Cache '" + getName() + "' does not allow 'null' values");
		}
		byte[] binaryKey = serializeCacheKey(createCacheKey(key));
		byte[] binaryValue = serializeCacheValue(cacheValue);
		Duration ttl = getCacheConfiguration().getTtlFunction().getTimeToLive(key, value);
		SetArgs args = (ttl != null && !ttl.isZero() && !ttl.isNegative()) ? SetArgs.Builder.px(ttl) : new SetArgs();
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection
				.getNativeConnection();
			return commands.set(binaryKey, binaryValue, args);
		}
	}

}
