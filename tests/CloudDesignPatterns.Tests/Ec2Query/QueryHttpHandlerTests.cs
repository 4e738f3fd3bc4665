using System.Net;
using System.Net.Http;
using CloudDesignPatterns.Engine.Ec2.Query;

namespace CloudDesignPatterns.Tests.Ec2Query
{
    /// <summary>The Query calls' shared client renews its connections, so a long-lived process follows DNS changes.</summary>
    public class QueryHttpHandlerTests
    {
        [Fact]
        public void OnDotNet_TheHandlerReplacesPooledConnections_AndStillTakesGzip()
        {
            var handler = Assert.IsType<SocketsHttpHandler>(QueryHttpHandler.Create());
            Assert.Equal(QueryHttpHandler.ConnectionLifetime, handler.PooledConnectionLifetime);
            Assert.True(QueryHttpHandler.ConnectionLifetime > System.TimeSpan.Zero && QueryHttpHandler.ConnectionLifetime <= System.TimeSpan.FromMinutes(15));
            Assert.Equal(DecompressionMethods.GZip, handler.AutomaticDecompression);
            handler.Dispose();
        }
    }
}
