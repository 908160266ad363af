/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The Lambda handler that {@code template.yaml} names: Spring Cloud Function's
 * {@link FunctionInvoker}, which starts the application once per execution environment and routes
 * every event to the {@code product} function, with one check first. The invoker parses every
 * event as JSON before the function sees it, and answers one that is not JSON with an error that
 * does not say what is wrong; this handler refuses such an event with an
 * {@link InvalidRequestException} that does. (Lambda's {@code Invoke} API itself refuses a payload
 * that is not JSON; other callers of the handler, such as tests or {@code sam local invoke}, do not.)
 */
public class ProductHandler extends FunctionInvoker {

	/**
	 * Create the handler and start the application, as the Lambda runtime does once per
	 * execution environment.
	 */
	public ProductHandler() {
		super();
	}

	/**
	 * Answer one event: the product it names, or an error saying what is wrong with it.
	 * @throws InvalidRequestException if the event is not a product request such as
	 * {@code {"id": "42"}}
	 */
	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		byte[] event = input.readAllBytes();
		ProductFunction.read(new String(event, StandardCharsets.UTF_8));
		super.handleRequest(new ByteArrayInputStream(event), output, context);
	}

}
