using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Http
{
    /// <summary>
    /// A small HTTP/1.1 server on a TcpListener bound to 127.0.0.1. It is built on raw sockets rather than
    /// HttpListener because fault injection must be able to close a connection without answering.
    /// Each connection runs as one async loop (keep-alive); no dedicated threads are created.
    /// </summary>
    internal sealed class LoopbackHttpServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly Func<SandboxRequest, Task<SandboxResponse>> _handler;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentDictionary<TcpClient, Task> _connections = new ConcurrentDictionary<TcpClient, Task>();
        private readonly Task _acceptLoop;
        private int _disposed;

        public LoopbackHttpServer(int port, Func<SandboxRequest, Task<SandboxResponse>> handler)
        {
            _handler = handler;
            _listener = new TcpListener(IPAddress.Loopback, port);
            // On Unix a restarted sandbox could not take back its fixed port while old sockets sit in TIME_WAIT.
            // Not on Windows, where SO_REUSEADDR would let a second listener steal a port that is in use.
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _acceptLoop = AcceptLoopAsync();
        }

        public int Port { get; }

        private async Task AcceptLoopAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (ObjectDisposedException) { return; }
                catch (SocketException) { if (_stopping.IsCancellationRequested) return; continue; }
                catch (InvalidOperationException) { return; }

                client.NoDelay = true;
                var connectionTask = Task.Run(() => ServeConnectionAsync(client));
                _connections[client] = connectionTask;
                _ = connectionTask.ContinueWith(_ => _connections.TryRemove(client, out Task _), TaskScheduler.Default);
                // Dispose may have swept the connections just before this one was added.
                if (_stopping.IsCancellationRequested) client.Close();
            }
        }

        private async Task ServeConnectionAsync(TcpClient client)
        {
            var cancel = _stopping.Token;
            try
            {
                using (client)
                {
                    var stream = client.GetStream();
                    var reader = new ConnectionReader(stream);
                    while (!cancel.IsCancellationRequested)
                    {
                        ParsedRequest? parsed;
                        try { parsed = await HttpRequestParser.ReadAsync(reader, stream, cancel).ConfigureAwait(false); }
                        catch (HttpProtocolException ex)
                        {
                            await HttpResponseWriter.WriteAsync(stream, SandboxResponse.Text(400, ex.Message), false, false, cancel).ConfigureAwait(false);
                            return;
                        }
                        if (parsed == null) return;

                        SandboxResponse response;
                        try { response = await _handler(parsed.Request).ConfigureAwait(false); }
                        catch (Exception ex) when (!(ex is OperationCanceledException))
                        {
                            response = SandboxResponse.Text(500, "Sandbox internal error: " + ex.Message);
                        }

                        using (response.Body)
                        {
                            if (response.DropConnection)
                            {
                                // Fault injection: a reset (linger 0) rather than a graceful FIN, as a crashed peer would do.
                                client.LingerState = new LingerOption(true, 0);
                                return;
                            }
                            var isHead = parsed.Request.Method == "HEAD";
                            await HttpResponseWriter.WriteAsync(stream, response, isHead, parsed.KeepAlive, cancel).ConfigureAwait(false);
                        }
                        if (!parsed.KeepAlive) return;
                    }
                }
            }
            catch (Exception) when (cancel.IsCancellationRequested) { }
            catch (System.IO.IOException) { }      // client went away
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _stopping.Cancel();
            _listener.Stop();
            foreach (var client in _connections.Keys.ToArray())
            {
                try { client.Close(); } catch (ObjectDisposedException) { }
            }
            // Connection loops end promptly once their sockets are closed; bound the wait so Dispose never hangs.
            try { Task.WaitAll(_connections.Values.Concat(new[] { _acceptLoop }).ToArray(), TimeSpan.FromSeconds(2)); }
            catch (AggregateException) { }
            _stopping.Dispose();
        }
    }
}
