/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

/**
 * How the second level writes values to Redis.
 */
public enum SecondLevelSerialization {

	/**
	 * JSON with the type of each value, so that it is read back as the same type; only types of
	 * trusted packages are read back.
	 */
	JSON,

	/**
	 * Java serialization of {@link java.io.Serializable} values. Reading runs code chosen by whoever
	 * can write to the Redis server: use it only with a Redis no one else writes to.
	 */
	JDK

}
