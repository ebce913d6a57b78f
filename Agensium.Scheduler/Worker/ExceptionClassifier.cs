using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Npgsql;
using StackExchange.Redis;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// The seed's autoretry_for=(ConnectionError, TimeoutError): connection and timeout failures of Postgres, Redis, S3
/// or the network are transient and retried; everything else (bad data, unknown tool, missing user, the node's own disk
/// full or its work folder unwritable) is not.
/// </summary>
public static class ExceptionClassifier
{
    public static bool IsTransient(Exception exception)
    {
        if (LocalDisk.Failed(exception))
        {
            // .NET throws ENOSPC and EROFS as plain IOExceptions, which the case below takes for a broken connection: a
            // job whose inputs filled the node's disk, or whose work folder was read-only, was retried as TRANSIENT_ERROR
            // (s44 review). Freeing space or remounting the disk takes an operator.
            return false;
        }
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException npgsql when npgsql.IsTransient:
                case RedisConnectionException or RedisTimeoutException:
                case SocketException or TimeoutException or HttpRequestException:
                case HttpIOException: // an HTTP answer (S3's) that broke off while read, "The response ended prematurely": it was INTERNAL_ERROR
                case AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests }:
                    return true;
                case AmazonServiceException { StatusCode: 0 }:
                    return true; // no answer at all: network
                case IOException io when io.GetType() == typeof(IOException):
                    return true; // a broken stream or connection, not a missing file nor a full disk
            }
        }
        return false;
    }

    /// <summary>Names the dependency a transient failure came from, for messages: "The database", "Object storage (S3)", "Redis".</summary>
    public static string DependencyOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException:
                    return "The database (PostgreSQL)";
                case RedisException:
                    return "Redis";
                case Storage.ObjectStoreUnavailableException:
                case AmazonServiceException:
                case HttpRequestException or HttpIOException: // the S3 client's only transport; a refused connection arrives as this
                    return "Object storage (S3)";
            }
        }
        return "A service this node depends on";
    }
}
