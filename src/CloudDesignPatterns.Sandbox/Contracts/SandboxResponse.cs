using System.Collections.Generic;
using System.Text;

namespace CloudDesignPatterns.Sandbox.Contracts
{
    /// <summary>What a handler answers. The server writes it, or drops the connection when asked to.</summary>
    public sealed class SandboxResponse
    {
        public int StatusCode { get; set; } = 200;
        public string ContentType { get; set; } = "text/xml;charset=UTF-8";
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>();
        /// <summary>Disposed by the server once written (a rented buffer goes back to its pool).</summary>
        public ResponseBody Body { get; set; } = ResponseBody.Empty;
        /// <summary>Fault injection: close the socket without answering (the client sees a dropped connection).</summary>
        public bool DropConnection { get; set; }

        public static SandboxResponse Text(int status, string text, string contentType = "text/plain")
            => new SandboxResponse { StatusCode = status, ContentType = contentType, Body = new ResponseBody(Encoding.UTF8.GetBytes(text)) };

        public static SandboxResponse Xml(int status, string xml) => Text(status, xml, "text/xml;charset=UTF-8");

        public static SandboxResponse Xml(int status, ResponseBody utf8Xml)
            => new SandboxResponse { StatusCode = status, ContentType = "text/xml;charset=UTF-8", Body = utf8Xml };

        public static SandboxResponse Json(int status, string json) => Text(status, json, "application/json");
    }
}
