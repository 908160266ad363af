/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The second level in Redis: the connection with its own timeouts, and how values are written.
 */
@NullMarked
package dev.faascache.spring.redis;

import org.jspecify.annotations.NullMarked;
