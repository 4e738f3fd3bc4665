using System;
using System.Net;
using System.Net.Http;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// The HTTP handler behind the Query calls' one shared client. On .NET (PowerShell 7) it is a SocketsHttpHandler whose
    /// pooled connections are replaced after <see cref="ConnectionLifetime"/>: a process-wide client otherwise keeps its
    /// first connections, and so the endpoint address DNS gave it then, for as long as the process runs (a long runbook, a
    /// PowerShell host that stays up). The type is reached by reflection because the engine targets netstandard2.0;
    /// Windows PowerShell (.NET Framework) has no such handler and gets the plain one, whose ServicePoint re-resolves
    /// names for new connections every two minutes and closes connections idle for 100 seconds.
    /// </summary>
    internal static class QueryHttpHandler
    {
        public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

        public static HttpMessageHandler Create()
        {
            var socketsHandler = typeof(HttpClientHandler).Assembly.GetType("System.Net.Http.SocketsHttpHandler", throwOnError: false);
            var lifetime = socketsHandler?.GetProperty("PooledConnectionLifetime");
            var decompression = socketsHandler?.GetProperty("AutomaticDecompression");
            if (lifetime != null && decompression != null && Activator.CreateInstance(socketsHandler!) is HttpMessageHandler handler)
            {
                lifetime.SetValue(handler, ConnectionLifetime);
                decompression.SetValue(handler, DecompressionMethods.GZip);
                return handler;
            }
            return new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip };
        }
    }
}
