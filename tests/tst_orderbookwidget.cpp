#include "OrderBookModel.h"
#include "OrderBookWidget.h"
#include "TimeSalesModel.h"
#include "TimeSalesWidget.h"
#include "TradeTape.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QScrollBar>
#include <QSet>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {
Decimal dec(const QString& text)
{
    return Decimal::parse(QStringView(text));
}

// n levels from `best`, stepping `tick` away from the spread, sizes from `sizes` (cycled) or none.
QList<BookLevel> ladder(const QString& best, const QString& tick, int n, bool up, const QList<int>& sizes = {})
{
    QList<BookLevel> result;
    Decimal price = dec(best);
    for (int i = 0; i < n; ++i) {
        BookLevel level;
        level.price = price;
        if (!sizes.isEmpty())
            level.volume = Decimal::fromInt(sizes.at(i % sizes.size()));
        result.append(level);
        price = up ? price + dec(tick) : price - dec(tick);
    }
    return result;
}

// The app's Chinese catalogue is filled by the translators; these are the widget's own strings, so the Chinese
// screenshots and the translatability test do not depend on it.
class ChineseStrings : public QTranslator
{
public:
    using QTranslator::QTranslator;
    bool isEmpty() const override { return false; }
    QString translate(const char* context, const char* source, const char* disambiguation, int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        static const QHash<QString, QString> table = [] {
            QHash<QString, QString> t;
            const char* numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
            for (int i = 0; i < 10; ++i) {
                t.insert(u"OrderBookModel|Ask %1"_s.arg(i + 1), u"卖"_s + QString::fromUtf8(numerals[i]));
                t.insert(u"OrderBookModel|Bid %1"_s.arg(i + 1), u"买"_s + QString::fromUtf8(numerals[i]));
            }
            const std::pair<const char*, const char*> pairs[] = {
                {"OrderBookModel|Spread", "价差"},
                {"OrderBookModel|Level", "档位"},
                {"OrderBookModel|Price", "价格"},
                {"OrderBookModel|Size", "数量"},
                {"OrderBookModel|Size (%1)", "数量(%1)"},
                {"SizeUnits|shares", "股"},
                {"SizeUnits|lots", "手"},
                {"TimeSalesModel|Buy", "买"},
                {"TimeSalesModel|Sell", "卖"},
                {"TimeSalesModel|—", "中性"},
                {"TimeSalesModel|Time", "时间"},
                {"TimeSalesModel|Price", "价格"},
                {"TimeSalesModel|Size", "数量"},
                {"TimeSalesModel|Size (%1)", "数量(%1)"},
                {"TimeSalesModel|Side", "方向"},
                {"OrderBookWidget|Order book", "盘口"},
                {"OrderBookWidget|Price only", "仅报价"},
                {"OrderBookWidget|Asks —", "卖盘 —"},
                {"OrderBookWidget|Bids —", "买盘 —"},
                {"OrderBookWidget|no sizes", "无数量"},
                {"OrderBookWidget|Asks", "卖盘"},
                {"OrderBookWidget|Bids", "买盘"},
                {"OrderBookWidget|Imb.", "委比"},
                {"TimeSalesWidget|Time & sales", "逐笔成交"},
            };
            for (const auto& [key, value] : pairs)
                t.insert(QString::fromUtf8(key), QString::fromUtf8(value));
            return t;
        }();
        return table.value(QString::fromUtf8(context) + u'|' + QString::fromUtf8(source));
    }
};

// Number of distinct colours: a blank grab has one or two.
int distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

// How many pixels of `rect` are within `tolerance` of `colour` per channel.
int pixelsNear(const QImage& image, const QRect& rect, const QColor& colour, int tolerance = 6)
{
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) <= tolerance && std::abs(c.green() - colour.green()) <= tolerance &&
                std::abs(c.blue() - colour.blue()) <= tolerance)
                ++count;
        }
    }
    return count;
}

QColor blend(const QColor& over, double alpha, const QColor& under)
{
    const auto mix = [alpha](int a, int b) { return int(a * alpha + b * (1 - alpha) + 0.5); };
    return QColor(mix(over.red(), under.red()), mix(over.green(), under.green()), mix(over.blue(), under.blue()));
}
} // namespace

class TestOrderBookWidget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void levelOneBadge_data();
    void levelOneBadge();
    void rendersEveryShape_data();
    void rendersEveryShape();
    void sizeBarsFollowThePalette_data();
    void sizeBarsFollowThePalette();
    void footerShowsTotals();
    void levelLabelsAreTranslatable();
    void timeSalesKeepsReadingPosition();
    void timeSalesFollowsSymbol();
    void screenshots();

private:
    void applyBook(const QString& code, const QList<BookLevel>& bids, const QList<BookLevel>& asks);
    void applyTrades(const QString& code, int count, int firstSeq = 1);
    void seedStore();

    QuoteStore* m_store = nullptr;
    TradeTape* m_tape = nullptr;
    UpdateBuffer m_buffer;
};

void TestOrderBookWidget::init()
{
    m_store = new QuoteStore;
    m_tape = new TradeTape(m_store, m_store);
}

void TestOrderBookWidget::cleanup()
{
    delete m_store;
}

void TestOrderBookWidget::applyBook(const QString& code, const QList<BookLevel>& bids, const QList<BookLevel>& asks)
{
    BookSnapshot book;
    book.code = code;
    book.timeMs = 1'760'000'000'000;
    book.bids = bids;
    book.asks = asks;
    m_buffer.addBook(book);
    m_store->applyBatch(m_buffer.take());
}

void TestOrderBookWidget::applyTrades(const QString& code, int count, int firstSeq)
{
    const QuoteState* q = m_store->quote(code);
    const Decimal base = q && !q->bid().isNull() ? q->bid() : dec(u"100.00"_s);
    const Decimal tick = dec(u"0.01"_s);
    for (int i = 0; i < count; ++i) {
        const int seq = firstSeq + i;
        TradeTick t;
        t.code = code;
        t.seq = seq;
        t.timeMs = 1'759'973'400'000 + qint64(seq) * 737; // from 09:30:00 Shanghai
        const int step = (seq * 7919) % 5 - 2;
        t.price = base + tick * Decimal::fromInt(step);
        t.volume = Decimal::fromInt(((seq * 37) % 40 + 1) * 100);
        t.side = step > 0 ? TradeSide::Buy : (step < 0 ? TradeSide::Sell : TradeSide::Neutral);
        m_buffer.addTrade(t);
    }
    m_store->applyBatch(m_buffer.take());
}

void TestOrderBookWidget::seedStore()
{
    ReferenceData ref;
    ref.code = u"600519.SH"_s;
    ref.prevClose = dec(u"1448.50"_s);
    m_buffer.addReference(ref);
    ref.code = u"700.HK"_s;
    ref.prevClose = dec(u"641.0"_s);
    m_buffer.addReference(ref);
    m_store->applyBatch(m_buffer.take());
    m_store->setSource(u"600519.SH"_s, u"alltick"_s);
    applyBook(u"600519.SH"_s, ladder(u"1450.00"_s, u"0.01"_s, 5, false, {1200, 300, 2500, 800, 4100}),
              ladder(u"1450.01"_s, u"0.01"_s, 5, true, {600, 1900, 200, 3300, 900}));
    applyBook(u"700.HK"_s, ladder(u"640.0"_s, u"0.5"_s, 10, false, {12000, 3400, 56000, 8000, 21000}),
              ladder(u"640.5"_s, u"0.5"_s, 10, true, {9000, 47000, 3100, 15000, 6600, 2000}));
    applyBook(u"EURUSD"_s, ladder(u"1.16500"_s, u"0.00001"_s, 1, false), ladder(u"1.16512"_s, u"0.00001"_s, 1, true));
}

void TestOrderBookWidget::levelOneBadge_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("levels");
    QTest::addColumn<bool>("sizes");
    QTest::addColumn<bool>("badge");
    QTest::newRow("forex one price-only level") << u"EURUSD"_s << 1 << false << true;
    QTest::newRow("A-share five levels") << u"600519.SH"_s << 5 << true << false;
    QTest::newRow("crypto one level") << u"BTCUSDT"_s << 1 << true << true;
    QTest::newRow("no book yet") << u"AAPL.US"_s << 0 << true << false;
}

void TestOrderBookWidget::levelOneBadge()
{
    QFETCH(QString, code);
    QFETCH(int, levels);
    QFETCH(bool, sizes);
    QFETCH(bool, badge);
    if (levels > 0) {
        const QList<int> volumes = sizes ? QList<int>{100, 200} : QList<int>{};
        applyBook(code, ladder(u"10.00"_s, u"0.01"_s, levels, false, volumes),
                  ladder(u"10.01"_s, u"0.01"_s, levels, true, volumes));
    }
    OrderBookWidget widget(m_store);
    widget.resize(300, 420);
    widget.setSymbol(code);
    QCOMPARE(widget.isLevelOneBadgeShown(), badge);
    QCOMPARE(widget.findChild<QLabel*>(u"orderBookCode"_s)->text(), code);
    // The badge follows the feed: a deeper book later takes it away.
    applyBook(code, ladder(u"10.00"_s, u"0.01"_s, 3, false), ladder(u"10.01"_s, u"0.01"_s, 3, true));
    QVERIFY(!widget.isLevelOneBadgeShown());
}

void TestOrderBookWidget::rendersEveryShape_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("rows");
    QTest::newRow("empty book") << u"AAPL.US"_s << 11;
    QTest::newRow("no symbol") << QString() << 11;
    QTest::newRow("five levels") << u"600519.SH"_s << 11;
    QTest::newRow("ten levels") << u"700.HK"_s << 21;
    QTest::newRow("price only") << u"EURUSD"_s << 11;
}

void TestOrderBookWidget::rendersEveryShape()
{
    QFETCH(QString, code);
    QFETCH(int, rows);
    seedStore();
    OrderBookWidget widget(m_store);
    widget.resize(300, 420);
    widget.setSymbol(code);
    QCOMPARE(widget.model()->rowCount(), rows);
    const QImage image = widget.grab().toImage();
    QCOMPARE(image.size(), QSize(300, 420) * image.devicePixelRatio());
    QVERIFY2(distinctColours(image) > 8, "the grab looks blank");
    // The spread row is on screen even when ten levels per side do not fit.
    const int spreadY = widget.view()->rowViewportPosition(widget.model()->spreadRow());
    QVERIFY(spreadY >= 0);
    QVERIFY(spreadY + widget.view()->rowHeight(0) <= widget.view()->viewport()->height());
}

void TestOrderBookWidget::sizeBarsFollowThePalette_data()
{
    QTest::addColumn<bool>("redUp");
    QTest::newRow("red up") << true;
    QTest::newRow("green up") << false;
}

void TestOrderBookWidget::sizeBarsFollowThePalette()
{
    QFETCH(bool, redUp);
    // One level each side, the bid the largest: the bid bar fills its cell, the ask bar is a quarter of it.
    applyBook(u"600519.SH"_s, ladder(u"1450.00"_s, u"0.01"_s, 1, false, {800}),
              ladder(u"1450.01"_s, u"0.01"_s, 1, true, {200}));
    OrderBookWidget widget(m_store);
    widget.resize(300, 420);
    const DirectionPalette palette = DirectionPalette::forConvention(redUp ? DirectionPalette::Convention::RedUp
                                                                           : DirectionPalette::Convention::GreenUp);
    widget.setPalette(palette);
    widget.setSymbol(u"600519.SH"_s);
    const QImage image = widget.grab().toImage();
    const QTableView* view = widget.view();
    const auto cellRect = [&](int row) {
        const QRect r = view->visualRect(widget.model()->index(row, OrderBookModel::Size));
        return QRect(view->viewport()->mapTo(&widget, r.topLeft()), r.size()).adjusted(0, 2, 0, -2);
    };
    const QColor base = view->viewport()->palette().color(QPalette::Base);
    const QColor bidBar = blend(palette.up, 0.22, base);
    const QColor askBar = blend(palette.down, 0.22, base);
    const QRect bidCell = cellRect(widget.model()->bidRow(1));
    const QRect askCell = cellRect(widget.model()->askRow(1));
    const int bidPixels = pixelsNear(image, bidCell, bidBar);
    const int askPixels = pixelsNear(image, askCell, askBar);
    QVERIFY2(bidPixels > bidCell.width() * bidCell.height() / 2, qPrintable(QString::number(bidPixels)));
    QVERIFY(askPixels > 0);
    QVERIFY(askPixels < bidPixels / 2);
    QCOMPARE(pixelsNear(image, bidCell, askBar), 0);                             // bids never in the ask colour
    QCOMPARE(pixelsNear(image, cellRect(widget.model()->bidRow(2)), bidBar), 0); // empty level: no bar
}

void TestOrderBookWidget::footerShowsTotals()
{
    seedStore();
    OrderBookWidget widget(m_store);
    widget.setDisplayLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    widget.setSymbol(u"600519.SH"_s);
    using Part = OrderBookWidget::FooterPart;
    const auto label = [&widget](Part part) { return widget.footerText(part); };
    QCOMPARE(label(Part::BidTotal), u"Bids 8,900"_s);
    QCOMPARE(label(Part::AskTotal), u"Asks 6,900"_s);
    QVERIFY2(label(Part::Imbalance).startsWith(u"Imb. ▲ +"_s), qPrintable(label(Part::Imbalance))); // more bids
    // Painted: the ask total in the down colour on the left, the bid total in the up colour on the right.
    widget.resize(360, 420);
    const DirectionPalette palette = widget.directionPalette();
    QWidget* footer = widget.findChild<QWidget*>(u"bookFooter"_s);
    QVERIFY(footer);
    const QImage image = footer->grab().toImage();
    const QRect left(0, 0, image.width() / 3, image.height());
    const QRect right(image.width() * 2 / 3, 0, image.width() / 3, image.height());
    QVERIFY(pixelsNear(image, left, palette.down, 40) > 0);
    QCOMPARE(pixelsNear(image, left, palette.up, 40), 0);
    QVERIFY(pixelsNear(image, right, palette.up, 40) > 0);
    QCOMPARE(pixelsNear(image, right, palette.down, 40), 0);
    QCOMPARE(widget.view()->model()->headerData(OrderBookModel::Size, Qt::Horizontal).toString(), u"Size (shares)"_s);
    QVERIFY(!widget.findChild<QLabel*>(u"priceOnly"_s)->isVisibleTo(&widget));
    widget.setSymbol(u"EURUSD"_s);
    QVERIFY(widget.findChild<QLabel*>(u"priceOnly"_s)->isVisibleTo(&widget));
    QVERIFY(!label(Part::BidTotal).contains(u'0'));
}

void TestOrderBookWidget::levelLabelsAreTranslatable()
{
    ChineseStrings translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QCOMPARE(OrderBookModel::levelLabel(OrderBookModel::AskRow, 5), u"卖五"_s);
    QCOMPARE(OrderBookModel::levelLabel(OrderBookModel::BidRow, 10), u"买十"_s);
    QCOMPARE(TimeSalesModel::sideText(TradeSide::Neutral), u"中性"_s);
    QVERIFY(QCoreApplication::removeTranslator(&translator));
    QCOMPARE(OrderBookModel::levelLabel(OrderBookModel::AskRow, 5), u"Ask 5"_s);
}

void TestOrderBookWidget::timeSalesKeepsReadingPosition()
{
    TimeSalesWidget widget(m_store, m_tape);
    widget.resize(360, 420);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    widget.setSymbol(u"600519.SH"_s);
    applyTrades(u"600519.SH"_s, 100);
    QTableView* view = widget.view();
    const auto topSeq = [view, &widget] {
        const int row = view->rowAt(1);
        return row < 0 ? qint64(-1) : widget.model()->tradeAt(row).seq;
    };
    QTRY_COMPARE(topSeq(), qint64(100)); // at the top: the newest trade is on top

    applyTrades(u"600519.SH"_s, 3, 101);
    QTRY_COMPARE(topSeq(), qint64(103)); // still at the top, new trades appear

    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 40 * view->rowHeight(0)); // laid out
    view->verticalScrollBar()->setValue(40 * view->rowHeight(0));                // the user scrolls down
    QTRY_COMPARE(topSeq(), qint64(103 - 40));
    applyTrades(u"600519.SH"_s, 5, 104);
    QCOMPARE(widget.model()->rowCount(), 108);
    QTRY_COMPARE(view->verticalScrollBar()->value(), 45 * view->rowHeight(0));
    QCOMPARE(topSeq(), qint64(103 - 40)); // scrolled down: the rows being read stay put
}

void TestOrderBookWidget::timeSalesFollowsSymbol()
{
    applyTrades(u"600519.SH"_s, 20);
    applyTrades(u"000001.SZ"_s, 7, 500);
    TimeSalesWidget widget(m_store, m_tape);
    widget.setSymbol(u"000001.SZ"_s);
    QCOMPARE(widget.model()->rowCount(), 7); // from the tape, at once
    QCOMPARE(widget.findChild<QLabel*>(u"timeSalesCode"_s)->text(), u"000001.SZ"_s);
    widget.setSymbol(u"600519.SH"_s);
    QCOMPARE(widget.model()->rowCount(), 20);
    QCOMPARE(widget.model()->tradeAt(0).seq, qint64(20));
    const QImage image = widget.grab().toImage();
    QVERIFY(distinctColours(image) > 8);
}

// Writes screenshots of both widgets in every shape, both palettes and both languages to $QM_SCREENSHOT_DIR.
void TestOrderBookWidget::screenshots()
{
    const QString dir = qEnvironmentVariable("QM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set QM_SCREENSHOT_DIR to write screenshots");
    seedStore();
    applyTrades(u"600519.SH"_s, 30);
    for (const bool chinese : {false, true}) {
        ChineseStrings translator;
        if (chinese)
            QCoreApplication::installTranslator(&translator);
        const QLocale locale(chinese ? QLocale::Chinese : QLocale::English,
                             chinese ? QLocale::China : QLocale::UnitedStates);
        for (const bool redUp : {true, false}) {
            const DirectionPalette palette = DirectionPalette::forConvention(
                redUp ? DirectionPalette::Convention::RedUp : DirectionPalette::Convention::GreenUp);
            const QString suffix = (chinese ? u"zh"_s : u"en"_s) + (redUp ? u"-redup"_s : u"-greenup"_s);
            for (const QString& code : {u"600519.SH"_s, u"700.HK"_s, u"EURUSD"_s, u"AAPL.US"_s}) {
                OrderBookWidget book(m_store);
                book.setDisplayLocale(locale);
                book.setChineseNames(chinese);
                book.setPalette(palette);
                book.resize(300, 420);
                book.setSymbol(code);
                book.show();
                QVERIFY(QTest::qWaitForWindowExposed(&book));
                QVERIFY(book.grab().save(dir + u"/book-"_s + QString(code).replace(u'.', u'_') + u'-' + suffix +
                                         u".png"_s));
            }
            TimeSalesWidget tape(m_store, m_tape);
            tape.setDisplayLocale(locale);
            tape.setChineseNames(chinese);
            tape.setPalette(palette);
            tape.resize(340, 420);
            tape.setSymbol(u"600519.SH"_s);
            tape.show(); // laid out as on screen: the last column takes the rest of the width
            QVERIFY(QTest::qWaitForWindowExposed(&tape));
            QVERIFY(tape.grab().save(dir + u"/tape-600519_SH-"_s + suffix + u".png"_s));
        }
        if (chinese)
            QCoreApplication::removeTranslator(&translator);
    }
}

QTEST_MAIN(TestOrderBookWidget)
#include "tst_orderbookwidget.moc"
