/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The second level in Redis: the connection with its own timeouts, how values are written, and the
 * pub/sub messages that keep the heaps of the instances coherent.
 */
@NullMarked
package dev.faascache.spring.redis;

import org.jspecify.annotations.NullMarked;
