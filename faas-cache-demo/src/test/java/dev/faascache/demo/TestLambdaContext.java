/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The {@link Context} the Lambda runtime hands to a handler, for one invocation of a 512 MB
 * function named {@code faas-cache-demo}.
 */
class TestLambdaContext implements Context {

	private final String requestId = UUID.randomUUID().toString();

	@Override
	public String getAwsRequestId() {
		return this.requestId;
	}

	@Override
	public String getLogGroupName() {
		return "/aws/lambda/faas-cache-demo";
	}

	@Override
	public String getLogStreamName() {
		return "2026/01/01/[$LATEST]test";
	}

	@Override
	public String getFunctionName() {
		return "faas-cache-demo";
	}

	@Override
	public String getFunctionVersion() {
		return "$LATEST";
	}

	@Override
	public String getInvokedFunctionArn() {
		return "arn:aws:lambda:eu-west-1:123456789012:function:faas-cache-demo";
	}

	@Override
	public CognitoIdentity getIdentity() {
		return null;
	}

	@Override
	public ClientContext getClientContext() {
		return null;
	}

	@Override
	public int getRemainingTimeInMillis() {
		return 30_000;
	}

	@Override
	public int getMemoryLimitInMB() {
		return 512;
	}

	@Override
	public LambdaLogger getLogger() {
		return new LambdaLogger() {

			@Override
			public void log(String message) {
				System.out.println(message);
			}

			@Override
			public void log(byte[] message) {
				log(new String(message, StandardCharsets.UTF_8));
			}

		};
	}

}
