<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AllTickConnection</name>
    <message>
        <source>Connection timed out after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection closed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data for %1 s; reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order book subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trade subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AllTickFeed</name>
    <message>
        <source>AllTick stocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AllTick forex/crypto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous close unavailable (change and change % stay empty): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Unknown option: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QuoteMonitor: real-time quote monitor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the built-in market simulator, even if an AllTick token is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AllTick API token (default: the ALLTICK_TOKEN environment variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AllTick WebSocket URL for stocks and indices (ws:// or wss://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AllTick WebSocket URL for forex, metals, energy and crypto (ws:// or wss://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated symbol codes to watch, e.g. 700.HK,AAPL.US,EURUSD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a CSV snapshot of the watchlist to FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite the snapshot every SEC seconds (requires --snapshot).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SEC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit after SEC seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language: en or zh_CN (default: the system language).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LANG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a valid URL; expected ws://HOST/... or wss://HOST/...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a WebSocket URL; expected ws:// or wss://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; has no host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--symbols: &quot;%1&quot; is not a valid symbol code; use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--symbols: no symbol codes given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--alltick-token: the token is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--snapshot: the file name is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--snapshot-interval: &quot;%1&quot; is not a positive whole number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--snapshot-interval requires --snapshot FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--exit-after: &quot;%1&quot; is not a positive number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--lang: &quot;%1&quot; is not supported; use en or zh_CN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <source>only %1 of %2 bytes could be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the output is not open for writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the CSV data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export to &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no file name given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeedStatusBar</name>
    <message>
        <source>Simulated data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quotes come from the built-in simulator, not from a market data feed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last %1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 · %3 msg/s · %4 · %n reconnect(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>retry in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages received: %1
Malformed frames dropped: %2
Symbols: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>QuoteMonitor — Simulated data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QuoteMonitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add symbol...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search symbols by code, name or pinyin initials and add them to this watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export snapshot...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the current watchlist to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import watchlist...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;watchlist codes...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename watchlist...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete watchlist...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price &amp;colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By language (red up in Chinese, green up in English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red up, green down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green up, red down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Flash price changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About QuoteMonitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Snapshot of %n symbol(s) written to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Import watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code lists (*.txt *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no symbol codes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n symbol(s) from %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(skipped %n invalid entr(y/ies): %1)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export watchlist codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n code(s) written to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>About QuoteMonitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;QuoteMonitor %1&lt;/h3&gt;&lt;p&gt;Real-time quotes from AllTick and QMT Bridge.&lt;/p&gt;&lt;p&gt;Without a configured feed it runs on its built-in simulator.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the workspace: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonitorSession</name>
    <message>
        <source>The built-in simulator could not listen on the loopback interface.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderBookModel</name>
    <message>
        <source>Ask 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask 6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask 7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask 8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask 9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>it is not a valid settings file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file &quot;%1&quot; could not be used (%2). It was moved to &quot;%3&quot; and the default settings are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file &quot;%1&quot; could not be used (%2) and could not be moved aside. The default settings are used and changes will not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings cannot be saved to &quot;%1&quot; because the file there is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the settings to &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SizeUnits</name>
    <message>
        <source>shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lots</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SymbolCatalog</name>
    <message>
        <source>Malformed catalog JSON at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported catalog version (expected 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog has no &quot;symbols&quot; array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing or invalid &quot;code&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code &quot;%1&quot; has a character that is not printable ASCII</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate code &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing &quot;name_en&quot; for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;name_zh&quot; of %1 is not a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;pinyin&quot; of %1 is not a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;pinyin&quot; of %1 must be lower-case letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown market &quot;%1&quot; for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid &quot;tick&quot; for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid &quot;price&quot; for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>price of %1 is not a multiple of its tick</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeSalesModel</name>
    <message>
        <source>Buy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <comment>neutral trade side</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchlistModel</name>
    <message>
        <source>Simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AllTick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QMT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turnover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchlistTabs</name>
    <message>
        <source>New watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete the watchlist &quot;%1&quot; and its %n symbol(s)?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Rename...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchlistView</name>
    <message>
        <source>Add symbol...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual order (clear sorting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all columns in their original order</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceStore</name>
    <message>
        <source>not valid JSON (%1 at offset %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the top level is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;watchlists&quot; is missing or not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a watchlist entry has no name or no symbol list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>watchlist &quot;%1&quot; holds a symbol that is not text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved watchlists in %1 could not be read (%2). The file was kept as %3 and default watchlists are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved watchlists in %1 could not be read (%2) and could not be moved aside; they will not be overwritten in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watchlists</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quotesim</name>
    <message>
        <source>Try &apos;%1 --help&apos; for more information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid value &apos;%1&apos; for --%2 (expected an integer from %3 to %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated AllTick quote server: WebSocket streams and REST K-lines on one port, for QuoteMonitor demos and tests. Runs until interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port to listen on; 0 picks a free port (default 8765).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the simulated market (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token clients must present (default: any non-empty token is accepted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send seq and tick_time as JSON integers instead of strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send tick_time in seconds instead of ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushes per second per connection (default: about 2 trades + 1 book per subscribed code).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of symbols the market offers; beyond the built-in catalog they are synthetic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum time between requests on a connection; 0 disables (default 1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop connections without a heartbeat for this long; 0 disables (default 30000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections per token and URL family; 0 = unlimited (default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes per subscription list, extra ones ignored; 0 = unlimited (default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ret code for malformed requests (default 400; the docs&apos; example shows 201).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit after this many seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid value &apos;%1&apos; for --host (expected an IP address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quotesim listening on %1 (AllTick: ws://%1/quote-stock-b-ws-api, ws://%1/quote-b-ws-api)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
