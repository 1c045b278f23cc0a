namespace CaseGrid.Api.Infrastructure.Idempotency;

/// <summary>
/// What is kept of a write under an <c>Idempotency-Key</c>: the request's hash, and once it was answered the status,
/// content type, sealed body and Location; <see cref="StatusCode"/> is null while the first request is still running.
/// </summary>
/// <param name="RequestHash">Method, path, query and body, hashed.</param>
/// <param name="StatusCode">The answer's status, or null while the write runs.</param>
/// <param name="ContentType">The answer's content type.</param>
/// <param name="SealedBody">The answer's body, sealed under the master key.</param>
/// <param name="Location">The answer's Location header.</param>
public sealed record KeptAnswer(string RequestHash, int? StatusCode, string? ContentType, byte[]? SealedBody, string? Location);
