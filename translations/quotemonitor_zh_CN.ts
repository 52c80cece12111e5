<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddSymbolDialog</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add symbols</source>
        <translation>添加品种</translation>
    </message>
    <message>
        <source>Code, name or pinyin initials, e.g. 600519, tencent, gzmt</source>
        <translation>代码、名称或拼音首字母，例如 600519、腾讯、gzmt</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Add the selected symbols to the watchlist (Enter)</source>
        <translation>将选中的品种添加到自选组 (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Search by code, Chinese or English name, or pinyin initials.</source>
        <translation>可按代码、中英文名称或拼音首字母搜索。</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配结果</translation>
    </message>
    <message numerus="yes">
        <source>First %n matches</source>
        <translation>
            <numerusform>前 %n 个匹配结果</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配结果</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a code, a name or pinyin initials to find a symbol.</source>
        <translation>请输入代码、名称或拼音首字母来查找品种。</translation>
    </message>
    <message>
        <source>Select one or more symbols to add.</source>
        <translation>请选择一个或多个要添加的品种。</translation>
    </message>
    <message>
        <source>No symbol matches &quot;%1&quot; and it is not a valid code for any feed. %2</source>
        <translation>没有与“%1”匹配的品种，它也不是任何行情源的有效代码。%2</translation>
    </message>
    <message>
        <source>%1 is already in this watchlist</source>
        <translation>%1 已在此自选组中</translation>
    </message>
    <message>
        <source>%1 are already in this watchlist</source>
        <translation>%1 已在此自选组中</translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation>已添加 %1</translation>
    </message>
    <message numerus="yes">
        <source>Added %n symbols: %1</source>
        <translation>
            <numerusform>已添加 %n 个品种：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Feed:</source>
        <translation>行情源(&amp;F)：</translation>
    </message>
    <message>
        <source>Which feed serves the symbols you add; Automatic lets the monitor choose by market</source>
        <translation>选择为所添加品种提供行情的行情源；选择“自动”时按市场自动选择</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>AllTickConnection</name>
    <message>
        <source>Connection timed out after %1 s</source>
        <translation>连接超时（%1 秒）</translation>
    </message>
    <message>
        <source>Connection closed by the server</source>
        <translation>服务器已关闭连接</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>No data for %1 s; reconnecting</source>
        <translation>%1 秒未收到数据，正在重连</translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation>心跳</translation>
    </message>
    <message>
        <source>order book subscription</source>
        <translation>盘口订阅</translation>
    </message>
    <message>
        <source>trade subscription</source>
        <translation>逐笔成交订阅</translation>
    </message>
    <message>
        <source>cancel</source>
        <translation>取消订阅</translation>
    </message>
    <message>
        <source>request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>%1 refused (%2): %3</source>
        <translation>%1被拒绝（错误码 %2）：%3</translation>
    </message>
</context>
<context>
    <name>AllTickFeed</name>
    <message>
        <source>AllTick stocks</source>
        <translation>AllTick 股票</translation>
    </message>
    <message>
        <source>AllTick forex/crypto</source>
        <translation>AllTick 外汇/加密货币</translation>
    </message>
    <message>
        <source>Previous close unavailable (change and change % stay empty): %1</source>
        <translation>无法获取昨收（涨跌和涨跌幅暂为空）：%1</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Unknown option: %1</source>
        <translation>未知选项：%1</translation>
    </message>
    <message>
        <source>Unexpected argument: &quot;%1&quot;</source>
        <translation>多余的参数：&quot;%1&quot;</translation>
    </message>
    <message>
        <source>QuoteMonitor: real-time quote monitor.</source>
        <translation>QuoteMonitor：实时行情监控工具。</translation>
    </message>
    <message>
        <source>Use the built-in market simulator, even if an AllTick token is configured.</source>
        <translation>使用内置的市场模拟器，即使已配置 AllTick 令牌。</translation>
    </message>
    <message>
        <source>AllTick API token (default: the ALLTICK_TOKEN environment variable).</source>
        <translation>AllTick API 令牌（默认：环境变量 ALLTICK_TOKEN）。</translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation>TOKEN</translation>
    </message>
    <message>
        <source>AllTick WebSocket URL for stocks and indices (ws:// or wss://).</source>
        <translation>AllTick 股票和指数行情的 WebSocket URL（ws:// 或 wss://）。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>AllTick WebSocket URL for forex, metals, energy and crypto (ws:// or wss://).</source>
        <translation>AllTick 外汇、贵金属、能源和加密货币行情的 WebSocket URL（ws:// 或 wss://）。</translation>
    </message>
    <message>
        <source>Comma-separated symbol codes to watch, e.g. 700.HK,AAPL.US,EURUSD.</source>
        <translation>要监控的品种代码，以逗号分隔，例如 700.HK,AAPL.US,EURUSD。</translation>
    </message>
    <message>
        <source>CODES</source>
        <translation>CODES</translation>
    </message>
    <message>
        <source>Write a CSV snapshot of the watchlist to FILE.</source>
        <translation>将自选组的 CSV 快照写入 FILE。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Rewrite the snapshot every SEC seconds (requires --snapshot).</source>
        <translation>每 SEC 秒重写一次快照（需要 --snapshot）。</translation>
    </message>
    <message>
        <source>SEC</source>
        <translation>SEC</translation>
    </message>
    <message>
        <source>Quit after SEC seconds.</source>
        <translation>SEC 秒后退出。</translation>
    </message>
    <message>
        <source>User interface language: en or zh_CN (default: the system language).</source>
        <translation>界面语言：en 或 zh_CN（默认：系统语言）。</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>显示此帮助信息并退出。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>显示版本号并退出。</translation>
    </message>
    <message>
        <source>%1: not a valid URL; expected ws://HOST/... or wss://HOST/...</source>
        <translation>%1: 不是有效的 URL；应为 ws://HOST/... 或 wss://HOST/...</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a WebSocket URL; expected ws:// or wss://</source>
        <translation>%1: &quot;%2&quot; 不是 WebSocket URL；应为 ws:// 或 wss://</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; has no host name</source>
        <translation>%1: &quot;%2&quot; 缺少主机名</translation>
    </message>
    <message>
        <source>--symbols: &quot;%1&quot; is not a valid symbol code; use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation>--symbols: &quot;%1&quot; 不是有效的品种代码；只能使用字母、数字、&apos;.&apos;、&apos;_&apos; 和 &apos;-&apos;</translation>
    </message>
    <message>
        <source>--symbols: no symbol codes given</source>
        <translation>--symbols: 未提供品种代码</translation>
    </message>
    <message>
        <source>--alltick-token: the token is empty</source>
        <translation>--alltick-token: 令牌为空</translation>
    </message>
    <message>
        <source>--snapshot: the file name is empty</source>
        <translation>--snapshot: 文件名为空</translation>
    </message>
    <message>
        <source>--snapshot-interval: &quot;%1&quot; is not a positive whole number of seconds</source>
        <translation>--snapshot-interval: &quot;%1&quot; 不是正整数秒数</translation>
    </message>
    <message>
        <source>--snapshot-interval requires --snapshot FILE</source>
        <translation>--snapshot-interval 需要同时指定 --snapshot FILE</translation>
    </message>
    <message>
        <source>--exit-after: &quot;%1&quot; is not a positive number of seconds</source>
        <translation>--exit-after: &quot;%1&quot; 不是大于 0 的秒数</translation>
    </message>
    <message>
        <source>--lang: &quot;%1&quot; is not supported; use en or zh_CN</source>
        <translation>--lang: 不支持 &quot;%1&quot;；请使用 en 或 zh_CN</translation>
    </message>
    <message>
        <source>QMT Bridge to use for .SH/.SZ/.BJ codes, e.g. ws://192.168.1.20:8000 (REST on http:// of the same host and port).</source>
        <translation>用于 .SH/.SZ/.BJ 代码的 QMT Bridge 地址，例如 ws://192.168.1.20:8000（REST 接口使用同一主机和端口的 http://）。</translation>
    </message>
    <message>
        <source>QMT Bridge API key for trade events (default: the QMT_BRIDGE_API_KEY environment variable).</source>
        <translation>用于接收交易事件的 QMT Bridge API 密钥（默认：环境变量 QMT_BRIDGE_API_KEY）。</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>KEY</translation>
    </message>
    <message>
        <source>--qmt-api-key: the key is empty</source>
        <translation>--qmt-api-key: 密钥为空</translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <source>only %1 of %2 bytes could be written</source>
        <translation>仅写入了 %2 字节中的 %1 字节</translation>
    </message>
    <message>
        <source>the output is not open for writing</source>
        <translation>输出未以写入模式打开</translation>
    </message>
    <message>
        <source>Could not write the CSV data: %1</source>
        <translation>无法写入 CSV 数据：%1</translation>
    </message>
    <message>
        <source>Could not export to &quot;%1&quot;: %2</source>
        <translation>无法导出到“%1”：%2</translation>
    </message>
    <message>
        <source>no file name given</source>
        <translation>未指定文件名</translation>
    </message>
</context>
<context>
    <name>DeepBookModel</name>
    <message>
        <source>Ask %1</source>
        <translation>卖%1</translation>
    </message>
    <message>
        <source>Bid %1</source>
        <translation>买%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>column title (unit)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>档位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>累计</translation>
    </message>
</context>
<context>
    <name>DeepBookWidget</name>
    <message>
        <source>lots</source>
        <translation>手</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Disconnected; retrying…</source>
        <translation>连接已断开，正在重试…</translation>
    </message>
    <message>
        <source>This QMT Bridge does not serve the Level-2 thousand-level book. The five-level book in the order book panel still works.</source>
        <translation>此 QMT Bridge 不提供 L2 千档深度盘口。盘口面板中的五档盘口仍可正常使用。</translation>
    </message>
    <message>
        <source>Ask %1</source>
        <translation>卖%1</translation>
    </message>
    <message>
        <source>Level-2 book</source>
        <translation>深度盘口（L2）</translation>
    </message>
    <message>
        <source>Spread %1</source>
        <translation>价差 %1</translation>
    </message>
    <message>
        <source>—</source>
        <comment>no total</comment>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 levels a side</source>
        <translation>每侧 %1 档</translation>
    </message>
    <message>
        <source>Asks</source>
        <translation>卖盘</translation>
    </message>
    <message>
        <source>Bids</source>
        <translation>买盘</translation>
    </message>
</context>
<context>
    <name>DownloadHistoryDialog</name>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>取消下载(&amp;C)</translation>
    </message>
    <message>
        <source>Download history</source>
        <translation>下载历史数据</translation>
    </message>
    <message>
        <source>One code per line, e.g. 600519.SH</source>
        <translation>每行一个代码，例如 600519.SH</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <source>30 minutes</source>
        <translation>30 分钟</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>日线</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>周线</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>月线</translation>
    </message>
    <message>
        <source>Ticks</source>
        <translation>分笔</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>S&amp;ymbols:</source>
        <translation>品种(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>周期(&amp;P)：</translation>
    </message>
    <message>
        <source>Date range:</source>
        <translation>日期范围：</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v/%m</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 codes.</source>
        <translation>已在完成 %1/%2 个代码后取消。</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>下载失败：%1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Waiting for the first code…</source>
        <translation>正在等待第一个代码…</translation>
    </message>
    <message>
        <source>%1 of %2: %3 — %4</source>
        <translation>%1/%2：%3 — %4</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message numerus="yes">
        <source>Done: all %n code(s) downloaded.</source>
        <translation>
            <numerusform>完成：全部 %n 个代码已下载。</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: %1 downloaded, %2 failed.</source>
        <translation>完成：%1 个已下载，%2 个失败。</translation>
    </message>
</context>
<context>
    <name>FeedStatusBar</name>
    <message>
        <source>Simulated data</source>
        <translation>模拟数据</translation>
    </message>
    <message>
        <source>Quotes come from the built-in simulator, not from a market data feed.</source>
        <translation>行情来自内置模拟器，而非真实的行情源。</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>尚无数据</translation>
    </message>
    <message>
        <source>last %1 s ago</source>
        <translation>%1 秒前更新</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 · %3 msg/s · %4 · %n reconnect(s)</source>
        <translation>
            <numerusform>%1：%2 · %3 条/秒 · %4 · 重连 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>retry in %1 s</source>
        <translation>%1 秒后重试</translation>
    </message>
    <message>
        <source>Messages received: %1
Malformed frames dropped: %2
Symbols: %3</source>
        <translation>已接收消息：%1
已丢弃的异常帧：%2
品种数：%3</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
</context>
<context>
    <name>IndicatorDialog</name>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>&amp;Formula:</source>
        <translation>公式(&amp;F)：</translation>
    </message>
    <message>
        <source>P&amp;arameters:</source>
        <translation>参数(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>周期(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>N=5</source>
        <translation>N=5</translation>
    </message>
    <message>
        <source>NAME=value pairs separated by commas, for example N=5 or SHORT=12, LONG=26, M=9</source>
        <translation>以逗号分隔的 NAME=value 参数对，例如 N=5 或 SHORT=12, LONG=26, M=9</translation>
    </message>
    <message>
        <source>A QMT formula name; any name the bridge knows can be typed</source>
        <translation>QMT 公式名称；可输入 QMT Bridge 支持的任意公式名称</translation>
    </message>
    <message>
        <source>1 minute (1m)</source>
        <translation>1 分钟（1m）</translation>
    </message>
    <message>
        <source>5 minutes (5m)</source>
        <translation>5 分钟（5m）</translation>
    </message>
    <message>
        <source>1 day (1d)</source>
        <translation>日线（1d）</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Indicators need a QMT Bridge.</source>
        <translation>指标功能需要 QMT Bridge。</translation>
    </message>
    <message>
        <source>Select a symbol to add indicators to it.</source>
        <translation>请选择一个品种以添加指标。</translation>
    </message>
    <message>
        <source>Indicators on %1</source>
        <translation>%1 的指标</translation>
    </message>
    <message>
        <source>Waiting for the bridge…</source>
        <translation>正在等待 QMT Bridge…</translation>
    </message>
    <message>
        <source>Subscribed (seq_id %1), no results yet</source>
        <translation>已订阅（seq_id %1），尚无结果</translation>
    </message>
    <message>
        <source>Subscribed (seq_id %1): %2</source>
        <translation>已订阅（seq_id %1）：%2</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove %1 (unsubscribes it from the bridge)</source>
        <translation>移除 %1（同时在 QMT Bridge 上取消订阅）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>QuoteMonitor — Simulated data</source>
        <translation>QuoteMonitor — 模拟数据</translation>
    </message>
    <message>
        <source>QuoteMonitor</source>
        <translation>QuoteMonitor</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Add symbol...</source>
        <translation>添加品种(&amp;A)…</translation>
    </message>
    <message>
        <source>Search symbols by code, name or pinyin initials and add them to this watchlist</source>
        <translation>按代码、名称或拼音首字母搜索品种并添加到此自选组</translation>
    </message>
    <message>
        <source>&amp;New watchlist</source>
        <translation>新建自选组(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Export snapshot...</source>
        <translation>导出快照(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the current watchlist to a CSV file</source>
        <translation>将当前自选组写入 CSV 文件</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import watchlist...</source>
        <translation>导入自选组(&amp;I)…</translation>
    </message>
    <message>
        <source>Export &amp;watchlist codes...</source>
        <translation>导出自选组代码(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Watchlist</source>
        <translation>自选组(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Rename watchlist...</source>
        <translation>重命名自选组(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete watchlist...</source>
        <translation>删除自选组(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Price &amp;colours</source>
        <translation>涨跌颜色(&amp;C)</translation>
    </message>
    <message>
        <source>By language (red up in Chinese, green up in English)</source>
        <translation>跟随界面语言（中文红涨绿跌，英文绿涨红跌）</translation>
    </message>
    <message>
        <source>Red up, green down</source>
        <translation>红涨绿跌</translation>
    </message>
    <message>
        <source>Green up, red down</source>
        <translation>绿涨红跌</translation>
    </message>
    <message>
        <source>&amp;Flash price changes</source>
        <translation>价格变动时闪烁(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About QuoteMonitor</source>
        <translation>关于 QuoteMonitor(&amp;A)</translation>
    </message>
    <message>
        <source>Export snapshot</source>
        <translation>导出快照</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message numerus="yes">
        <source>Snapshot of %n symbol(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 个品种的快照写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Import watchlist</source>
        <translation>导入自选组</translation>
    </message>
    <message>
        <source>Code lists (*.txt *.csv);;All files (*)</source>
        <translation>代码列表 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 holds no symbol codes.</source>
        <translation>%1 中没有品种代码。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n symbol(s) from %1</source>
        <translation>
            <numerusform>已从 %1 导入 %n 个品种</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(skipped %n invalid entr(y/ies): %1)</source>
        <translation>
            <numerusform>（已跳过 %n 个无效条目：%1）</numerusform>
        </translation>
    </message>
    <message>
        <source>Export watchlist codes</source>
        <translation>导出自选组代码</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message numerus="yes">
        <source>%n code(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 个代码写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>About QuoteMonitor</source>
        <translation>关于 QuoteMonitor</translation>
    </message>
    <message>
        <source>&lt;h3&gt;QuoteMonitor %1&lt;/h3&gt;&lt;p&gt;Real-time quotes from AllTick and QMT Bridge.&lt;/p&gt;&lt;p&gt;Without a configured feed it runs on its built-in simulator.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuoteMonitor %1&lt;/h3&gt;&lt;p&gt;来自 AllTick 和 QMT Bridge 的实时行情。&lt;/p&gt;&lt;p&gt;未配置行情源时，使用内置模拟器运行。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not save the workspace: %1</source>
        <translation>无法保存工作区：%1</translation>
    </message>
    <message>
        <source>QMT Bridge</source>
        <translation>QMT Bridge</translation>
    </message>
    <message>
        <source>Simulator (stocks)</source>
        <translation>模拟器（股票）</translation>
    </message>
    <message>
        <source>Simulator (forex/crypto)</source>
        <translation>模拟器（外汇/加密货币）</translation>
    </message>
    <message>
        <source>Order book</source>
        <translation>盘口</translation>
    </message>
    <message>
        <source>Time &amp; sales</source>
        <translation>逐笔成交</translation>
    </message>
    <message>
        <source>Tick chart</source>
        <translation>分时图</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>AllTick</source>
        <translation>AllTick</translation>
    </message>
    <message>
        <source>New &amp;whole-market list...</source>
        <translation>新建全市场列表(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Download history...</source>
        <translation>下载历史数据(&amp;D)…</translation>
    </message>
    <message>
        <source>Have the QMT Bridge download K-line history for the current watchlist</source>
        <translation>让 QMT Bridge 为当前自选组下载 K 线历史数据</translation>
    </message>
    <message>
        <source>&amp;QMT Bridge settings...</source>
        <translation>QMT Bridge 设置(&amp;Q)…</translation>
    </message>
    <message>
        <source>Deep book (L2)</source>
        <translation>深度盘口（L2）</translation>
    </message>
    <message>
        <source>Trade events</source>
        <translation>交易事件</translation>
    </message>
    <message>
        <source>No QMT Bridge is configured. Set one in Tools &gt; QMT Bridge settings... or start with --qmt ws://HOST:PORT.</source>
        <translation>尚未配置 QMT Bridge。请在“工具 &gt; QMT Bridge 设置…”中设置，或以 --qmt ws://HOST:PORT 启动。</translation>
    </message>
    <message>
        <source>Select an A-share (.SH, .SZ, .BJ) quoted by the QMT Bridge.</source>
        <translation>请选择由 QMT Bridge 提供行情的 A 股（.SH、.SZ、.BJ）。</translation>
    </message>
    <message>
        <source>%1 is not quoted by the QMT Bridge. Level-2 depth is available for A-shares (.SH, .SZ, .BJ) quoted by the bridge.</source>
        <translation>%1 的行情不是由 QMT Bridge 提供的。L2 深度盘口仅适用于由 QMT Bridge 提供行情的 A 股（.SH、.SZ、.BJ）。</translation>
    </message>
    <message>
        <source>Trade events need the bridge&apos;s API key: enter it in Tools &gt; QMT Bridge settings..., or start with --qmt-api-key KEY (or set QMT_BRIDGE_API_KEY).</source>
        <translation>交易事件需要 QMT Bridge 的 API 密钥：请在“工具 &gt; QMT Bridge 设置…”中输入，或以 --qmt-api-key KEY 启动（也可设置环境变量 QMT_BRIDGE_API_KEY）。</translation>
    </message>
    <message>
        <source>Have the QMT Bridge download K-line history</source>
        <translation>让 QMT Bridge 下载 K 线历史数据</translation>
    </message>
    <message>
        <source>Needs a QMT Bridge: set one in Tools &gt; QMT Bridge settings...</source>
        <translation>需要 QMT Bridge：请在“工具 &gt; QMT Bridge 设置…”中设置</translation>
    </message>
    <message>
        <source>Waiting for the QMT Bridge&apos;s stock lists</source>
        <translation>正在等待 QMT Bridge 的股票列表</translation>
    </message>
    <message>
        <source>A watchlist with every stock of the chosen markets</source>
        <translation>包含所选市场全部股票的自选组</translation>
    </message>
    <message>
        <source>Whole market %1</source>
        <translation>全市场 %1</translation>
    </message>
    <message numerus="yes">
        <source>New watchlist with %n symbol(s)</source>
        <translation>
            <numerusform>已新建含 %n 个品种的自选组</numerusform>
        </translation>
    </message>
    <message>
        <source>New whole-market list</source>
        <translation>新建全市场列表</translation>
    </message>
    <message>
        <source>Create a watchlist with every stock the QMT Bridge lists for:</source>
        <translation>新建自选组，包含 QMT Bridge 列出的以下市场的全部股票：</translation>
    </message>
    <message>
        <source>Shanghai (SH)</source>
        <translation>沪市（SH）</translation>
    </message>
    <message>
        <source>Shenzhen (SZ)</source>
        <translation>深市（SZ）</translation>
    </message>
    <message>
        <source>Beijing (BJ)</source>
        <translation>北交所（BJ）</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln stock(s)</source>
        <translation>
            <numerusform>%1：%Ln 只股票</numerusform>
        </translation>
    </message>
    <message>
        <source>Large lists are streamed by the bridge as whole-market updates.</source>
        <translation>大型列表将由 QMT Bridge 以全推行情方式推送。</translation>
    </message>
    <message>
        <source>The address is saved and used at the next start. --qmt and --qmt-api-key on the command line win over these settings for the run they are given in.</source>
        <translation>地址会被保存并在下次启动时使用。命令行中的 --qmt 和 --qmt-api-key 在该次运行中优先于这些设置。</translation>
    </message>
    <message>
        <source>QMT Bridge turned off</source>
        <translation>已关闭 QMT Bridge</translation>
    </message>
    <message>
        <source>Connecting to the QMT Bridge at %1</source>
        <translation>正在连接 %1 上的 QMT Bridge</translation>
    </message>
    <message>
        <source>%1 is quoted by %2, which sends trades only: bar periods (1m, 5m, 1d) come from the QMT Bridge, for A-shares (.SH, .SZ, .BJ) it quotes.</source>
        <translation>%1 由 %2 报价，只提供逐笔成交：K 线周期（1m、5m、1d）来自 QMT Bridge，仅适用于其报价的 A 股（.SH、.SZ、.BJ）。</translation>
    </message>
</context>
<context>
    <name>MonitorSession</name>
    <message>
        <source>The built-in simulator could not listen on the loopback interface.</source>
        <translation>内置模拟器无法在本地回环接口上监听。</translation>
    </message>
</context>
<context>
    <name>OrderBookModel</name>
    <message>
        <source>Ask 1</source>
        <translation>卖一</translation>
    </message>
    <message>
        <source>Ask 2</source>
        <translation>卖二</translation>
    </message>
    <message>
        <source>Ask 3</source>
        <translation>卖三</translation>
    </message>
    <message>
        <source>Ask 4</source>
        <translation>卖四</translation>
    </message>
    <message>
        <source>Ask 5</source>
        <translation>卖五</translation>
    </message>
    <message>
        <source>Ask 6</source>
        <translation>卖六</translation>
    </message>
    <message>
        <source>Ask 7</source>
        <translation>卖七</translation>
    </message>
    <message>
        <source>Ask 8</source>
        <translation>卖八</translation>
    </message>
    <message>
        <source>Ask 9</source>
        <translation>卖九</translation>
    </message>
    <message>
        <source>Ask 10</source>
        <translation>卖十</translation>
    </message>
    <message>
        <source>Bid 1</source>
        <translation>买一</translation>
    </message>
    <message>
        <source>Bid 2</source>
        <translation>买二</translation>
    </message>
    <message>
        <source>Bid 3</source>
        <translation>买三</translation>
    </message>
    <message>
        <source>Bid 4</source>
        <translation>买四</translation>
    </message>
    <message>
        <source>Bid 5</source>
        <translation>买五</translation>
    </message>
    <message>
        <source>Bid 6</source>
        <translation>买六</translation>
    </message>
    <message>
        <source>Bid 7</source>
        <translation>买七</translation>
    </message>
    <message>
        <source>Bid 8</source>
        <translation>买八</translation>
    </message>
    <message>
        <source>Bid 9</source>
        <translation>买九</translation>
    </message>
    <message>
        <source>Bid 10</source>
        <translation>买十</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>价差</translation>
    </message>
    <message>
        <source>%1 bp</source>
        <translation>%1 基点</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>档位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Size (%1)</source>
        <translation>数量（%1）</translation>
    </message>
</context>
<context>
    <name>OrderBookWidget</name>
    <message>
        <source>L1</source>
        <translation>L1</translation>
    </message>
    <message>
        <source>Price only</source>
        <translation>仅价格</translation>
    </message>
    <message>
        <source>Level 1 only: the feed sends just the best bid and ask, no deeper levels.</source>
        <translation>仅 Level-1 行情：行情源只提供买一价和卖一价，没有更深的档位。</translation>
    </message>
    <message>
        <source>The feed sends prices without sizes for this market.</source>
        <translation>该市场的行情源只提供价格，不提供数量。</translation>
    </message>
    <message>
        <source>Order imbalance: (bid total - ask total) / (bid total + ask total)</source>
        <translation>委比：(委买总量 - 委卖总量) / (委买总量 + 委卖总量)</translation>
    </message>
    <message>
        <source>Order book</source>
        <translation>盘口</translation>
    </message>
    <message>
        <source>—</source>
        <comment>no total</comment>
        <translation>—</translation>
    </message>
    <message>
        <source>Asks —</source>
        <translation>卖盘 —</translation>
    </message>
    <message>
        <source>Bids —</source>
        <translation>买盘 —</translation>
    </message>
    <message>
        <source>no sizes</source>
        <translation>无数量</translation>
    </message>
    <message>
        <source>Asks</source>
        <translation>卖盘</translation>
    </message>
    <message>
        <source>Bids</source>
        <translation>买盘</translation>
    </message>
    <message>
        <source>Imb.</source>
        <translation>委比</translation>
    </message>
</context>
<context>
    <name>PinyinInitials</name>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>a phrase needs a word and initials</source>
        <translation>词组行需要包含词语和首字母</translation>
    </message>
    <message>
        <source>malformed phrase &quot;%1&quot;</source>
        <translation>词组格式错误：&quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected &quot;&lt;letter&gt; &lt;characters&gt;&quot;</source>
        <translation>格式应为 &quot;&lt;letter&gt; &lt;characters&gt;&quot;</translation>
    </message>
    <message>
        <source>U+%1 is not a Chinese character</source>
        <translation>U+%1 不是汉字</translation>
    </message>
    <message>
        <source>%1 is listed twice</source>
        <translation>“%1”重复出现</translation>
    </message>
</context>
<context>
    <name>QmtAuxSocket</name>
    <message>
        <source>%1: connection timed out after %2 s</source>
        <translation>%1：连接超时（%2 秒）</translation>
    </message>
    <message>
        <source>%1: the server refused the connection (HTTP %2)</source>
        <translation>%1：服务器拒绝了连接（HTTP %2）</translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation>服务器已关闭连接</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: cannot connect: %2</source>
        <translation>%1：无法连接：%2</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message numerus="yes">
        <source>%1: no answer to %n ping(s); the link is dead</source>
        <translation>
            <numerusform>%1：连续 %n 次心跳无响应，连接已失效</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QmtBarClient</name>
    <message>
        <source>QMT bars</source>
        <translation>QMT K线</translation>
    </message>
    <message>
        <source>Bars refused by the QMT Bridge (HTTP %1)</source>
        <translation>QMT Bridge 拒绝了 K 线请求（HTTP %1）</translation>
    </message>
    <message>
        <source>QMT bars: the server closed the connection</source>
        <translation>QMT K线：服务器关闭了连接</translation>
    </message>
    <message>
        <source>Bar history of %1 (%2) could not be loaded: %3</source>
        <translation>无法加载 %1（%2）的历史 K 线：%3</translation>
    </message>
</context>
<context>
    <name>QmtConnection</name>
    <message>
        <source>Connection timed out after %1 s</source>
        <translation>连接超时（%1 秒）</translation>
    </message>
    <message>
        <source>Connection closed by the server</source>
        <translation>服务器已关闭连接</translation>
    </message>
    <message>
        <source>%1: cannot connect: %2</source>
        <translation>%1：无法连接：%2</translation>
    </message>
    <message numerus="yes">
        <source>No answer to %n ping(s); reconnecting</source>
        <translation>
            <numerusform>连续 %n 次心跳无响应，正在重连</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>QmtDownloadClient</name>
    <message>
        <source>QMT history download</source>
        <translation>QMT 历史数据下载</translation>
    </message>
    <message>
        <source>History download refused by the server (HTTP %1)</source>
        <translation>服务器拒绝了历史数据下载（HTTP %1）</translation>
    </message>
    <message>
        <source>Connection lost after %1 of %2 codes: %3</source>
        <translation>完成 %1/%2 个代码后连接中断：%3</translation>
    </message>
    <message>
        <source>closed by the server</source>
        <translation>服务器已关闭连接</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>连接断开</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
</context>
<context>
    <name>QmtFeed</name>
    <message>
        <source>QMT realtime</source>
        <translation>QMT 实时行情</translation>
    </message>
    <message>
        <source>QMT Bridge: instrument details unavailable (previous close and limits stay empty): %1</source>
        <translation>QMT Bridge：无法获取品种详情（昨收和涨跌停价暂为空）：%1</translation>
    </message>
    <message>
        <source>QMT Bridge does not know %1; left out of the subscription.</source>
        <translation>QMT Bridge 无法识别 %1，已从订阅中排除。</translation>
    </message>
    <message>
        <source>QMT Bridge: names unavailable: %1</source>
        <translation>QMT Bridge：无法获取名称：%1</translation>
    </message>
    <message>
        <source>QMT Bridge: snapshot unavailable: %1</source>
        <translation>QMT Bridge：无法获取快照：%1</translation>
    </message>
    <message>
        <source>QMT whole quote</source>
        <translation>QMT 全推行情</translation>
    </message>
    <message numerus="yes">
        <source>No data yet for %n symbol(s)</source>
        <translation>
            <numerusform>%n 个品种尚无数据</numerusform>
        </translation>
    </message>
    <message>
        <source>QMT Bridge: stock list unavailable: %1</source>
        <translation>QMT Bridge：无法获取股票列表：%1</translation>
    </message>
</context>
<context>
    <name>QmtFormulaClient</name>
    <message>
        <source>QMT formulas</source>
        <translation>QMT 公式</translation>
    </message>
    <message>
        <source>Formulas refused by the server (HTTP %1)</source>
        <translation>服务器拒绝了公式请求（HTTP %1）</translation>
    </message>
    <message>
        <source>QMT formulas: the server closed the connection</source>
        <translation>QMT 公式：服务器已关闭连接</translation>
    </message>
</context>
<context>
    <name>QmtL2Client</name>
    <message>
        <source>QMT Level-2 book</source>
        <translation>QMT 深度盘口（L2）</translation>
    </message>
    <message>
        <source>QMT Level-2 book: the server closed the connection</source>
        <translation>QMT 深度盘口（L2）：服务器已关闭连接</translation>
    </message>
    <message>
        <source>Level-2 thousand-level book not available on this server</source>
        <translation>此服务器不支持 L2 千档深度盘口</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>no record for %1</source>
        <translation>没有 %1 的记录</translation>
    </message>
</context>
<context>
    <name>QmtSettingsDialog</name>
    <message>
        <source>&amp;Remember the key on this computer</source>
        <translation>在此电脑上记住密钥(&amp;R)</translation>
    </message>
    <message>
        <source>QMT Bridge settings</source>
        <translation>QMT Bridge 设置</translation>
    </message>
    <message>
        <source>Needed only for trade events</source>
        <translation>仅交易事件需要</translation>
    </message>
    <message>
        <source>Stores the key in the settings file, readable only by you. Otherwise it is kept until QuoteMonitor quits.</source>
        <translation>将密钥保存在仅您本人可读的设置文件中；否则仅保留到 QuoteMonitor 退出。</translation>
    </message>
    <message>
        <source>Bridge &amp;address:</source>
        <translation>Bridge 地址(&amp;A)：</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>The address of the QMT Bridge, ws://HOST:PORT (REST is served on the same port). Leave it empty to use no bridge. A-share codes (.SH, .SZ, .BJ) are then quoted by the bridge.</source>
        <translation>QMT Bridge 的地址，格式为 ws://HOST:PORT（REST 使用同一端口）。留空则不使用 Bridge。设置后 A 股代码（.SH、.SZ、.BJ）将由 Bridge 提供行情。</translation>
    </message>
    <message>
        <source>Expected ws://HOST:PORT, e.g. ws://192.168.1.10:8000</source>
        <translation>格式应为 ws://HOST:PORT，例如 ws://192.168.1.10:8000</translation>
    </message>
</context>
<context>
    <name>QmtTradeClient</name>
    <message>
        <source>QMT trade events</source>
        <translation>QMT 交易事件</translation>
    </message>
    <message>
        <source>QMT trade events: the server closed the connection</source>
        <translation>QMT 交易事件：服务器已关闭连接</translation>
    </message>
    <message>
        <source>Trading events rejected: invalid API key or trading not enabled on the bridge</source>
        <translation>交易事件被拒绝：API 密钥无效，或 QMT Bridge 未启用交易</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>no event type</source>
        <translation>缺少事件类型</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>买</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>卖</translation>
    </message>
    <message>
        <source>Type %1</source>
        <translation>类型 %1</translation>
    </message>
    <message>
        <source>unreported</source>
        <translation>未报</translation>
    </message>
    <message>
        <source>waiting to report</source>
        <translation>待报</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>已报</translation>
    </message>
    <message>
        <source>reported, cancel pending</source>
        <translation>已报待撤</translation>
    </message>
    <message>
        <source>partly filled, cancel pending</source>
        <translation>部成待撤</translation>
    </message>
    <message>
        <source>partly cancelled</source>
        <translation>部撤</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已撤</translation>
    </message>
    <message>
        <source>partly filled</source>
        <translation>部成</translation>
    </message>
    <message>
        <source>filled</source>
        <translation>已成</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>废单</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>状态 %1</translation>
    </message>
    <message>
        <source>Order %1: %2 %3 %4 @ %5, %6</source>
        <translation>委托 %1：%2 %3 %4 @ %5，%6</translation>
    </message>
    <message>
        <source> (traded %1 @ %2)</source>
        <translation>（已成交 %1 @ %2）</translation>
    </message>
    <message>
        <source>Trade %1: %2 %3 %4 @ %5 (order %6)</source>
        <translation>成交 %1：%2 %3 %4 @ %5（委托 %6）</translation>
    </message>
    <message>
        <source>Order %1 failed (%2): %3</source>
        <translation>委托 %1 失败（%2）：%3</translation>
    </message>
    <message>
        <source>Cancel of order %1 failed (%2): %3</source>
        <translation>委托 %1 撤单失败（%2）：%3</translation>
    </message>
    <message>
        <source>Order %1 accepted</source>
        <translation>委托 %1 已受理</translation>
    </message>
    <message>
        <source>Cancel of order %1: result %2</source>
        <translation>委托 %1 撤单：结果 %2</translation>
    </message>
    <message>
        <source>Account status: %1</source>
        <translation>账户状态：%1</translation>
    </message>
    <message>
        <source>Asset: total %1, cash %2, frozen %3, market value %4</source>
        <translation>资产：总资产 %1，可用资金 %2，冻结资金 %3，市值 %4</translation>
    </message>
    <message>
        <source>Position %1: %2 (available %3, frozen %4), cost %5, value %6</source>
        <translation>持仓 %1：%2（可用 %3，冻结 %4），成本价 %5，市值 %6</translation>
    </message>
    <message>
        <source>Appointment %1 (%2): %3</source>
        <translation>约券 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Trading connection up</source>
        <translation>交易连接已建立</translation>
    </message>
    <message>
        <source>Trading connection down</source>
        <translation>交易连接已断开</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>it is not a valid settings file</source>
        <translation>不是有效的设置文件</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>The settings file &quot;%1&quot; could not be used (%2). It was moved to &quot;%3&quot; and the default settings are used.</source>
        <translation>设置文件“%1”无法使用（%2）。该文件已移至“%3”，现使用默认设置。</translation>
    </message>
    <message>
        <source>The settings file &quot;%1&quot; could not be used (%2) and could not be moved aside. The default settings are used and changes will not be saved.</source>
        <translation>设置文件“%1”无法使用（%2），且无法将其移走。现使用默认设置，更改将不会被保存。</translation>
    </message>
    <message>
        <source>The settings cannot be saved to &quot;%1&quot; because the file there is damaged.</source>
        <translation>无法将设置保存到“%1”，因为该文件已损坏。</translation>
    </message>
    <message>
        <source>Could not save the settings to &quot;%1&quot;.</source>
        <translation>无法将设置保存到“%1”。</translation>
    </message>
</context>
<context>
    <name>SizeUnits</name>
    <message>
        <source>shares</source>
        <translation>股</translation>
    </message>
    <message>
        <source>lots</source>
        <translation>手</translation>
    </message>
</context>
<context>
    <name>SymbolCatalog</name>
    <message>
        <source>Malformed catalog JSON at offset %1: %2</source>
        <translation>品种目录 JSON 格式错误（偏移量 %1）：%2</translation>
    </message>
    <message>
        <source>The catalog must be a JSON object.</source>
        <translation>品种目录必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>Unsupported catalog version (expected 1).</source>
        <translation>不支持的品种目录版本（应为 1）。</translation>
    </message>
    <message>
        <source>The catalog has no &quot;symbols&quot; array.</source>
        <translation>品种目录缺少 &quot;symbols&quot; 数组。</translation>
    </message>
    <message>
        <source>Catalog entry %1: %2</source>
        <translation>品种目录第 %1 项：%2</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>missing or invalid &quot;code&quot;</source>
        <translation>缺少 &quot;code&quot; 或其值无效</translation>
    </message>
    <message>
        <source>code &quot;%1&quot; has a character that is not printable ASCII</source>
        <translation>代码 &quot;%1&quot; 含有非可打印 ASCII 字符</translation>
    </message>
    <message>
        <source>duplicate code &quot;%1&quot;</source>
        <translation>代码 &quot;%1&quot; 重复</translation>
    </message>
    <message>
        <source>missing &quot;name_en&quot; for %1</source>
        <translation>%1 缺少 &quot;name_en&quot;</translation>
    </message>
    <message>
        <source>&quot;name_zh&quot; of %1 is not a string</source>
        <translation>%1 的 &quot;name_zh&quot; 不是字符串</translation>
    </message>
    <message>
        <source>&quot;pinyin&quot; of %1 is not a string</source>
        <translation>%1 的 &quot;pinyin&quot; 不是字符串</translation>
    </message>
    <message>
        <source>&quot;pinyin&quot; of %1 must be lower-case letters</source>
        <translation>%1 的 &quot;pinyin&quot; 必须由小写字母组成</translation>
    </message>
    <message>
        <source>unknown market &quot;%1&quot; for %2</source>
        <translation>%2 的市场 &quot;%1&quot; 未知</translation>
    </message>
    <message>
        <source>invalid &quot;tick&quot; for %1</source>
        <translation>%1 的 &quot;tick&quot; 无效</translation>
    </message>
    <message>
        <source>invalid &quot;price&quot; for %1</source>
        <translation>%1 的 &quot;price&quot; 无效</translation>
    </message>
    <message>
        <source>price of %1 is not a multiple of its tick</source>
        <translation>%1 的价格不是其最小变动价位的整数倍</translation>
    </message>
</context>
<context>
    <name>SymbolSearch</name>
    <message>
        <source>Codes look like AAPL.US, 700.HK, 600519.SH, 000001.SZ, 430047.BJ, EURUSD, BTCUSDT or GOLD.</source>
        <translation>代码格式示例：AAPL.US、700.HK、600519.SH、000001.SZ、430047.BJ、EURUSD、BTCUSDT 或 GOLD。</translation>
    </message>
    <message>
        <source>AllTick stocks</source>
        <translation>AllTick 股票</translation>
    </message>
    <message>
        <source>AllTick forex/crypto</source>
        <translation>AllTick 外汇/加密货币</translation>
    </message>
</context>
<context>
    <name>SymbolSearchModel</name>
    <message>
        <source>US</source>
        <translation>美股</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>港股</translation>
    </message>
    <message>
        <source>Shanghai</source>
        <translation>沪市</translation>
    </message>
    <message>
        <source>Shenzhen</source>
        <translation>深市</translation>
    </message>
    <message>
        <source>Beijing</source>
        <translation>北交所</translation>
    </message>
    <message>
        <source>Forex</source>
        <translation>外汇</translation>
    </message>
    <message>
        <source>Metals</source>
        <translation>贵金属</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>能源</translation>
    </message>
    <message>
        <source>Crypto</source>
        <translation>加密货币</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Add code %1 (not in catalog)</source>
        <translation>添加代码 %1（不在品种目录中）</translation>
    </message>
    <message>
        <source>%1 is not in the symbol catalog; its format is valid for %2.</source>
        <translation>%1 不在品种目录中，但其格式适用于 %2。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>行情源</translation>
    </message>
</context>
<context>
    <name>TickChartWidget</name>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Average price</source>
        <translation>均价</translation>
    </message>
    <message>
        <source>Previous close</source>
        <translation>昨收</translation>
    </message>
    <message>
        <source>Neutral volume</source>
        <translation>中性成交量</translation>
    </message>
    <message>
        <source>Buy volume</source>
        <translation>买入成交量</translation>
    </message>
    <message>
        <source>Sell volume</source>
        <translation>卖出成交量</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>均价</translation>
    </message>
    <message>
        <source>Prev close</source>
        <translation>昨收</translation>
    </message>
    <message>
        <source>Tick chart</source>
        <translation>分时图</translation>
    </message>
    <message>
        <source>Select a symbol to chart its trades.</source>
        <translation>选择一个品种以显示其成交走势。</translation>
    </message>
    <message>
        <source>Waiting for trades…</source>
        <translation>等待成交数据…</translation>
    </message>
    <message>
        <source>Price %1</source>
        <translation>价格 %1</translation>
    </message>
    <message>
        <source>Volume %1</source>
        <translation>成交量 %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Average %1</source>
        <translation>均价 %1</translation>
    </message>
    <message>
        <source>Write parameters as NAME=value, for example N=5 (not understood: &quot;%1&quot;)</source>
        <translation>参数格式应为 NAME=value，例如 N=5（无法识别：“%1”）</translation>
    </message>
    <message>
        <source>Indicators need a QMT Bridge.</source>
        <translation>指标功能需要 QMT Bridge。</translation>
    </message>
    <message>
        <source>Select a symbol first.</source>
        <translation>请先选择一个品种。</translation>
    </message>
    <message>
        <source>Enter a formula name, for example MA.</source>
        <translation>请输入公式名称，例如 MA。</translation>
    </message>
    <message>
        <source>QMT Bridge: %1</source>
        <translation>QMT Bridge：%1</translation>
    </message>
    <message>
        <source>%1 on %2: %3</source>
        <translation>%2 的 %1：%3</translation>
    </message>
    <message>
        <source>Indicators…</source>
        <translation>指标…</translation>
    </message>
    <message>
        <source>Add formula indicators such as MA(5) to this chart (QMT Bridge)</source>
        <translation>在此图表上添加 MA(5) 等公式指标（QMT Bridge）</translation>
    </message>
    <message>
        <source>Indicators need a QMT Bridge: start with --qmt ws://HOST:8000</source>
        <translation>指标功能需要 QMT Bridge：请使用 --qmt ws://HOST:8000 启动</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上涨</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下跌</translation>
    </message>
    <message>
        <source>No %1 bars for %2 yet.</source>
        <translation>%2 暂无 %1 K 线。</translation>
    </message>
    <message>
        <source>Loading %1 bars…</source>
        <translation>正在加载 %1 K 线…</translation>
    </message>
    <message>
        <source>Bars</source>
        <translation>K线</translation>
    </message>
    <message>
        <source>Volume (down bars)</source>
        <translation>成交量（阴线）</translation>
    </message>
    <message>
        <source>Volume (up bars)</source>
        <translation>成交量（阳线）</translation>
    </message>
    <message>
        <source>Tick</source>
        <translation>分时</translation>
    </message>
    <message>
        <source>Every trade of the day (分时)</source>
        <translation>当日每笔成交（分时）</translation>
    </message>
    <message>
        <source>1-minute candlesticks from the QMT Bridge</source>
        <translation>来自 QMT Bridge 的 1 分钟 K 线</translation>
    </message>
    <message>
        <source>5-minute candlesticks from the QMT Bridge</source>
        <translation>来自 QMT Bridge 的 5 分钟 K 线</translation>
    </message>
    <message>
        <source>Daily candlesticks from the QMT Bridge</source>
        <translation>来自 QMT Bridge 的日 K 线</translation>
    </message>
    <message>
        <source>Bar periods need a QMT Bridge: start with --qmt ws://HOST:8000</source>
        <translation>K 线周期需要 QMT Bridge：请用 --qmt ws://HOST:8000 启动</translation>
    </message>
    <message>
        <source>Bar periods are available for symbols quoted by the QMT Bridge</source>
        <translation>K 线周期仅适用于由 QMT Bridge 报价的品种</translation>
    </message>
    <message>
        <source>O %1  H %2</source>
        <translation>开 %1  高 %2</translation>
    </message>
    <message>
        <source>L %1  C %2</source>
        <translation>低 %1  收 %2</translation>
    </message>
    <message>
        <source>Change %1%</source>
        <translation>涨跌 %1%</translation>
    </message>
    <message>
        <source>Turnover %1</source>
        <translation>成交额 %1</translation>
    </message>
</context>
<context>
    <name>TimeSalesModel</name>
    <message>
        <source>Buy</source>
        <translation>买</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>卖</translation>
    </message>
    <message>
        <source>—</source>
        <comment>neutral trade side</comment>
        <translation>中性</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Size (%1)</source>
        <translation>数量（%1）</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>方向</translation>
    </message>
</context>
<context>
    <name>TimeSalesWidget</name>
    <message>
        <source>Time &amp; sales</source>
        <translation>逐笔成交</translation>
    </message>
</context>
<context>
    <name>TradeEventsModel</name>
    <message>
        <source>Order</source>
        <translation>委托</translation>
    </message>
    <message>
        <source>Trade</source>
        <translation>成交</translation>
    </message>
    <message>
        <source>Order error</source>
        <translation>委托失败</translation>
    </message>
    <message>
        <source>Cancel error</source>
        <translation>撤单失败</translation>
    </message>
    <message>
        <source>Order accepted</source>
        <translation>委托已受理</translation>
    </message>
    <message>
        <source>Cancel response</source>
        <translation>撤单回报</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>持仓</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>约券</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>TradeEventsWidget</name>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected; waiting for trade events</source>
        <translation>已连接，正在等待交易事件</translation>
    </message>
    <message>
        <source>Cancel error</source>
        <translation>撤单失败</translation>
    </message>
</context>
<context>
    <name>WatchlistModel</name>
    <message>
        <source>Simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>AllTick</source>
        <translation>AllTick</translation>
    </message>
    <message>
        <source>QMT</source>
        <translation>QMT</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最新价</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>涨跌</translation>
    </message>
    <message>
        <source>Change %</source>
        <translation>涨跌幅</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>买一价</translation>
    </message>
    <message>
        <source>Bid size</source>
        <translation>买一量</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>卖一价</translation>
    </message>
    <message>
        <source>Ask size</source>
        <translation>卖一量</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>成交量</translation>
    </message>
    <message>
        <source>Turnover</source>
        <translation>成交额</translation>
    </message>
    <message>
        <source>High</source>
        <translation>最高</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>最低</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>unknown code</source>
        <translation>未知代码</translation>
    </message>
    <message>
        <source>The feed has sent nothing for this symbol since it was subscribed</source>
        <translation>订阅以来行情源未推送此品种的任何数据</translation>
    </message>
    <message>
        <source>The feed does not know this code</source>
        <translation>行情源不认识此代码</translation>
    </message>
</context>
<context>
    <name>WatchlistTabs</name>
    <message>
        <source>New watchlist</source>
        <translation>新建自选组</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>自选股</translation>
    </message>
    <message>
        <source>Rename watchlist</source>
        <translation>重命名自选组</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Delete watchlist</source>
        <translation>删除自选组</translation>
    </message>
    <message numerus="yes">
        <source>Delete the watchlist &quot;%1&quot; and its %n symbol(s)?</source>
        <translation>
            <numerusform>删除自选组“%1”及其中的 %n 个品种？</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename...</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation>删除…</translation>
    </message>
</context>
<context>
    <name>WatchlistView</name>
    <message>
        <source>Add symbol...</source>
        <translation>添加品种…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Manual order (clear sorting)</source>
        <translation>手动排序（清除排序）</translation>
    </message>
    <message>
        <source>Show all columns in their original order</source>
        <translation>按原始顺序显示所有列</translation>
    </message>
</context>
<context>
    <name>WorkspaceStore</name>
    <message>
        <source>not valid JSON (%1 at offset %2)</source>
        <translation>不是有效的 JSON（偏移量 %2 处：%1）</translation>
    </message>
    <message>
        <source>the top level is not an object</source>
        <translation>顶层不是对象</translation>
    </message>
    <message>
        <source>unsupported version %1</source>
        <translation>不支持的版本 %1</translation>
    </message>
    <message>
        <source>&quot;watchlists&quot; is missing or not a list</source>
        <translation>缺少 &quot;watchlists&quot; 或其不是列表</translation>
    </message>
    <message>
        <source>a watchlist entry has no name or no symbol list</source>
        <translation>某个自选组条目缺少名称或品种列表</translation>
    </message>
    <message>
        <source>watchlist &quot;%1&quot; holds a symbol that is not text</source>
        <translation>自选组“%1”中含有非文本的品种代码</translation>
    </message>
    <message>
        <source>Your saved watchlists in %1 could not be read (%2). The file was kept as %3 and default watchlists are shown.</source>
        <translation>无法读取 %1 中保存的自选组（%2）。该文件已保留为 %3，当前显示默认自选组。</translation>
    </message>
    <message>
        <source>Your saved watchlists in %1 could not be read (%2) and could not be moved aside; they will not be overwritten in this session.</source>
        <translation>无法读取 %1 中保存的自选组（%2），且无法将该文件移走；本次运行期间不会覆盖该文件。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Watchlist</source>
        <translation>自选股</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>Watchlists</source>
        <translation>自选组</translation>
    </message>
</context>
<context>
    <name>quotesim</name>
    <message>
        <source>Try &apos;%1 --help&apos; for more information.</source>
        <translation>运行 &apos;%1 --help&apos; 查看更多信息。</translation>
    </message>
    <message>
        <source>invalid value &apos;%1&apos; for --%2 (expected an integer from %3 to %4)</source>
        <translation>--%2 的值 &apos;%1&apos; 无效（应为 %3 到 %4 之间的整数）</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>监听地址（默认 127.0.0.1）。</translation>
    </message>
    <message>
        <source>address</source>
        <translation>address</translation>
    </message>
    <message>
        <source>Port to listen on; 0 picks a free port (default 8765).</source>
        <translation>监听端口；0 表示自动选择空闲端口（默认 8765）。</translation>
    </message>
    <message>
        <source>port</source>
        <translation>port</translation>
    </message>
    <message>
        <source>Seed of the simulated market (default 1).</source>
        <translation>模拟市场的随机种子（默认 1）。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Token clients must present (default: any non-empty token is accepted).</source>
        <translation>客户端必须提供的令牌（默认：接受任何非空令牌）。</translation>
    </message>
    <message>
        <source>token</source>
        <translation>token</translation>
    </message>
    <message>
        <source>Send seq and tick_time as JSON integers instead of strings.</source>
        <translation>以 JSON 整数而非字符串发送 seq 和 tick_time。</translation>
    </message>
    <message>
        <source>Send tick_time in seconds instead of ms.</source>
        <translation>以秒而非毫秒为单位发送 tick_time。</translation>
    </message>
    <message>
        <source>Pushes per second per connection (default: about 2 trades + 1 book per subscribed code).</source>
        <translation>每个连接每秒的推送次数（默认：每个已订阅代码约 2 笔成交 + 1 次盘口）。</translation>
    </message>
    <message>
        <source>Number of symbols the market offers; beyond the built-in catalog they are synthetic.</source>
        <translation>市场提供的品种数量；超出内置品种目录的部分为自动生成的品种。</translation>
    </message>
    <message>
        <source>Minimum time between requests on a connection; 0 disables (default 1000).</source>
        <translation>同一连接上两次请求之间的最短间隔；0 表示不限制（默认 1000）。</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Drop connections without a heartbeat for this long; 0 disables (default 30000).</source>
        <translation>连接在此时长内无心跳即断开；0 表示禁用（默认 30000）。</translation>
    </message>
    <message>
        <source>Connections per token and URL family; 0 = unlimited (default).</source>
        <translation>每个令牌在每类 URL 上允许的连接数；0 = 不限制（默认）。</translation>
    </message>
    <message>
        <source>Codes per subscription list, extra ones ignored; 0 = unlimited (default).</source>
        <translation>每个订阅列表的代码数上限，超出部分将被忽略；0 = 不限制（默认）。</translation>
    </message>
    <message>
        <source>ret code for malformed requests (default 400; the docs&apos; example shows 201).</source>
        <translation>格式错误的请求所返回的 ret 代码（默认 400；文档示例中为 201）。</translation>
    </message>
    <message>
        <source>Exit after this many seconds.</source>
        <translation>在指定秒数后退出。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>seconds</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>多余的参数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>invalid value &apos;%1&apos; for --host (expected an IP address)</source>
        <translation>--host 的值 &apos;%1&apos; 无效（应为 IP 地址）</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
    <message>
        <source>quotesim listening on %1 (AllTick: ws://%1/quote-stock-b-ws-api, ws://%1/quote-b-ws-api)</source>
        <translation>quotesim 正在监听 %1（AllTick：ws://%1/quote-stock-b-ws-api, ws://%1/quote-b-ws-api）</translation>
    </message>
    <message>
        <source>Simulated AllTick quote server: WebSocket streams and REST K-lines on one port, for QuoteMonitor demos and tests; with --qmt-port also a QMT Bridge look-alike. Runs until interrupted.</source>
        <translation>模拟 AllTick 行情服务器：在同一端口上提供 WebSocket 行情推送和 REST K 线接口，用于 QuoteMonitor 的演示和测试；指定 --qmt-port 时还会模拟一个 QMT Bridge。持续运行直到被中断。</translation>
    </message>
    <message>
        <source>Also serve a QMT Bridge look-alike (WebSocket /ws/... and REST /api/...) on this port; 0 picks a free port.</source>
        <translation>同时在此端口上提供模拟的 QMT Bridge（WebSocket /ws/... 和 REST /api/...）；0 表示自动选择空闲端口。</translation>
    </message>
    <message>
        <source>Reproduce a bridge version&apos;s quirks: v2.8.0 (l2_thousand refused, no trade events, no formula pushes). Default: as documented.</source>
        <translation>重现特定 QMT Bridge 版本的异常行为：v2.8.0（拒绝 l2_thousand、无交易事件、无公式推送）。默认：与文档一致。</translation>
    </message>
    <message>
        <source>version</source>
        <translation>version</translation>
    </message>
    <message>
        <source>API key of the QMT simulator (default: QMT_BRIDGE_API_KEY; none = trading refused).</source>
        <translation>QMT 模拟器的 API 密钥（默认：QMT_BRIDGE_API_KEY；未设置 = 拒绝交易）。</translation>
    </message>
    <message>
        <source>key</source>
        <translation>key</translation>
    </message>
    <message>
        <source>Mount the QMT trading endpoints (/ws/trade, /api/trading/...); without quirks an order lifecycle is pushed every 5 s.</source>
        <translation>启用 QMT 交易接口（/ws/trade、/api/trading/...）；未指定 --qmt-quirks 时每 5 秒推送一次完整的委托生命周期。</translation>
    </message>
    <message>
        <source>A-share codes the QMT simulator offers; beyond the catalog they are synthetic (e.g. 5000 for a whole market).</source>
        <translation>QMT 模拟器提供的 A 股代码数量；超出品种目录的部分为自动生成的代码（例如 5000 可模拟全市场）。</translation>
    </message>
    <message>
        <source>invalid value &apos;%1&apos; for --qmt-quirks (expected v2.8.0)</source>
        <translation>--qmt-quirks 的值 &apos;%1&apos; 无效（应为 v2.8.0）</translation>
    </message>
    <message>
        <source>QMT Bridge simulator listening on %1 (ws://%1/ws/realtime, REST http://%1/api/; %2)</source>
        <translation>QMT Bridge 模拟器正在监听 %1（ws://%1/ws/realtime，REST http://%1/api/；%2）</translation>
    </message>
    <message>
        <source>v2.8.0 quirks</source>
        <translation>v2.8.0 异常行为</translation>
    </message>
    <message>
        <source>as documented</source>
        <translation>与文档一致</translation>
    </message>
    <message>
        <source>QMT trading enabled, but no API key is set: /ws/trade will refuse every client</source>
        <translation>已启用 QMT 交易，但未设置 API 密钥：/ws/trade 将拒绝所有客户端</translation>
    </message>
    <message>
        <source>QMT trading enabled: ws://%1/ws/trade?api_key=... (key not shown)</source>
        <translation>已启用 QMT 交易：ws://%1/ws/trade?api_key=...（不显示密钥）</translation>
    </message>
</context>
</TS>
