#include "CellPainter.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTest>

using namespace Qt::StringLiterals;

// CellPainter paints a plain text cell directly, for the watchlist, the order book and time & sales. What it paints
// must be what the style's item painter paints for the same cell, and what drawText() paints for its text, whether
// the text was laid out just now or comes from the cache.
class TestCellPainter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paintsLikeTheStyle_data();
    void paintsLikeTheStyle();
    void cachedTextLooksLikeDrawText();

private:
    static QStyleOptionViewItem option(const QImage& image, QStyle::State state);
};

namespace {
const QStringList Texts{u"AAPL.US"_s,  u"1,234.50"_s,
                        u"+0.75"_s,    u"▲ +1.23%"_s,
                        u"▼ -0.39%"_s, u"Tencent Holdings"_s,
                        u"12:34:56"_s, u"A name far too long to fit in the cell"_s,
                        u"卖五"_s,     QString()};

QImage blank()
{
    QImage image(120, 24, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    return image;
}
} // namespace

QStyleOptionViewItem TestCellPainter::option(const QImage& image, QStyle::State state)
{
    QStyleOptionViewItem opt;
    opt.rect = image.rect();
    opt.state = state;
    opt.palette = QApplication::palette();
    opt.font = QApplication::font();
    opt.fontMetrics = QFontMetrics(opt.font);
    opt.textElideMode = Qt::ElideRight;
    opt.showDecorationSelected = true; // as a QTableView sets it
    return opt;
}

void TestCellPainter::paintsLikeTheStyle_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("alternate");
    QTest::addColumn<QColor>("background");
    QTest::addColumn<QColor>("text");
    QTest::addColumn<int>("alignment");
    const int normal = int(QStyle::State_Enabled | QStyle::State_Active);
    const int left = int(Qt::AlignLeft | Qt::AlignVCenter);
    const int right = int(Qt::AlignRight | Qt::AlignVCenter);
    QTest::newRow("plain, left") << normal << false << QColor() << QColor() << left;
    QTest::newRow("plain, right") << normal << false << QColor() << QColor() << right;
    QTest::newRow("centred") << normal << false << QColor() << QColor() << int(Qt::AlignCenter);
    QTest::newRow("alternate row") << normal << true << QColor() << QColor() << right;
    QTest::newRow("selected") << int(normal | QStyle::State_Selected) << false << QColor() << QColor() << left;
    QTest::newRow("selected, inactive window")
        << int(QStyle::State_Enabled | QStyle::State_Selected) << false << QColor() << QColor() << left;
    QTest::newRow("background brush") << normal << true << QColor(0xe0, 0x3c, 0x31, 60) << QColor() << right;
    QTest::newRow("text colour") << normal << false << QColor() << QColor(0x1a, 0x9e, 0x4a) << right;
    QTest::newRow("disabled") << int(QStyle::State_Active) << false << QColor() << QColor() << left;
}

void TestCellPainter::paintsLikeTheStyle()
{
    QFETCH(int, state);
    QFETCH(bool, alternate);
    QFETCH(QColor, background);
    QFETCH(QColor, text);
    QFETCH(int, alignment);
    QStandardItemModel model(1, 1);
    QStyledItemDelegate styled;
    CellPainter cells;
    for (const QString& shown : Texts) {
        const QModelIndex index = model.index(0, 0);
        model.setData(index, shown, Qt::DisplayRole);
        model.setData(index, alignment, Qt::TextAlignmentRole);
        model.setData(index, background.isValid() ? QVariant(QBrush(background)) : QVariant(), Qt::BackgroundRole);
        model.setData(index, text.isValid() ? QVariant(text) : QVariant(), Qt::ForegroundRole);
        QImage expected = blank();
        QImage actual = blank();
        QStyleOptionViewItem opt = option(expected, QStyle::State(state));
        if (alternate)
            opt.features |= QStyleOptionViewItem::Alternate;
        // As a QTableView paints a cell: its row panel (alternate fill), then the delegate.
        const auto viewPanel = [&opt](QPainter* painter) {
            QApplication::style()->drawPrimitive(QStyle::PE_PanelItemViewRow, &opt, painter);
        };
        {
            QPainter painter(&expected);
            viewPanel(&painter);
            styled.paint(&painter, opt, index);
        }
        for (int pass = 0; pass < 2; ++pass) { // laid out, then from the cache
            actual = blank();
            QPainter painter(&actual);
            viewPanel(&painter);
            // What a delegate hands over: the option as initStyleOption() fills it (the foreground role sets the
            // palette's text colour).
            QStyleOptionViewItem filled = opt;
            filled.index = index;
            filled.text = shown;
            filled.displayAlignment = Qt::Alignment(alignment);
            filled.backgroundBrush = background.isValid() ? QBrush(background) : QBrush();
            if (text.isValid())
                filled.palette.setBrush(QPalette::Text, text);
            cells.draw(&painter, filled);
            painter.end();
            QVERIFY2(actual == expected, qPrintable(u"\"%1\", pass %2"_s.arg(shown).arg(pass)));
        }
    }
}

void TestCellPainter::cachedTextLooksLikeDrawText()
{
    // The pixels must be those of drawText(rect, alignment), in both alignments, twice (laid out, then from the
    // cache), and when elided.
    CellPainter cells;
    for (const Qt::Alignment alignment : {Qt::AlignLeft | Qt::AlignVCenter, Qt::AlignRight | Qt::AlignVCenter}) {
        for (const QString& text : Texts) {
            QImage expected = blank();
            {
                QPainter painter(&expected);
                const int margin = QApplication::style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1;
                const QRect textRect = expected.rect().adjusted(margin, 0, -margin, 0);
                const QFontMetrics metrics(QApplication::font());
                painter.setFont(QApplication::font());
                painter.setPen(QApplication::palette().color(QPalette::Normal, QPalette::Text));
                painter.drawText(textRect, int(alignment) | Qt::TextSingleLine,
                                 metrics.horizontalAdvance(text) > textRect.width()
                                     ? metrics.elidedText(text, Qt::ElideRight, textRect.width())
                                     : text);
            }
            for (int pass = 0; pass < 2; ++pass) {
                QImage actual = blank();
                QPainter painter(&actual);
                cells.draw(&painter, option(actual, QStyle::State_Enabled | QStyle::State_Active), QBrush(), QColor(),
                           text, alignment);
                painter.end();
                QVERIFY2(actual == expected,
                         qPrintable(u"%1 (alignment %2, pass %3)"_s.arg(text).arg(int(alignment)).arg(pass)));
            }
        }
    }
}

QTEST_MAIN(TestCellPainter)
#include "tst_cellpainter.moc"
