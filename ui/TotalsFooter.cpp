#include "TotalsFooter.h"

#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

TotalsFooter::TotalsFooter(int parts, QWidget* parent)
    : QWidget(parent)
    , m_parts(std::max(1, parts))
    , m_toolTips(std::max(1, parts))
{
    setAutoFillBackground(true); // opaque: the dock behind is not repainted with it
}

void TotalsFooter::setPart(int index, const Part& part)
{
    if (index < 0 || index >= m_parts.size() || m_parts.at(index) == part)
        return;
    m_parts[index] = part;
    update(partRect(index));
}

void TotalsFooter::clear()
{
    for (int i = 0; i < m_parts.size(); ++i)
        setPart(i, {});
}

QString TotalsFooter::text(int index) const
{
    if (index < 0 || index >= m_parts.size())
        return {};
    const Part& part = m_parts.at(index);
    return part.value.isEmpty() ? part.caption : part.caption + u' ' + part.value;
}

void TotalsFooter::setPartToolTip(int index, const QString& toolTip)
{
    if (index >= 0 && index < m_toolTips.size())
        m_toolTips[index] = toolTip;
}

QSize TotalsFooter::sizeHint() const
{
    return {0, fontMetrics().height() + 2 * VerticalMargin};
}

QSize TotalsFooter::minimumSizeHint() const
{
    const int count = int(m_parts.size());
    const int each = fontMetrics().horizontalAdvance(u"Bids 00,000"_s);
    return {2 * HorizontalMargin + count * each + (count - 1) * Spacing, sizeHint().height()};
}

QRect TotalsFooter::partRect(int index) const
{
    // Like a box layout with equal stretch: the pixels left over go to the first parts.
    const int count = int(m_parts.size());
    const int available = std::max(0, width() - 2 * HorizontalMargin - (count - 1) * Spacing);
    int x = HorizontalMargin;
    for (int i = 0; i < index; ++i)
        x += available / count + (i < available % count ? 1 : 0) + Spacing;
    const int w = available / count + (index < available % count ? 1 : 0);
    return QRect(x, VerticalMargin, w, height() - 2 * VerticalMargin);
}

bool TotalsFooter::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (int i = 0; i < m_parts.size(); ++i) {
            const QRect r = partRect(i);
            if (r.contains(help->pos()) && !m_toolTips.at(i).isEmpty()) {
                QToolTip::showText(help->globalPos(), m_toolTips.at(i), this, r);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

void TotalsFooter::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    const QFontMetrics fm = fontMetrics();
    const QColor text = palette().color(QPalette::WindowText);
    const int last = int(m_parts.size()) - 1;
    for (int i = 0; i <= last; ++i) {
        const QRect r = partRect(i);
        const Part& part = m_parts.at(i);
        if (!event->rect().intersects(r) || (part.caption.isEmpty() && part.value.isEmpty()))
            continue;
        const QString caption = part.value.isEmpty() ? part.caption : part.caption + u' ';
        const int captionWidth = fm.horizontalAdvance(caption);
        const int valueWidth = fm.horizontalAdvance(part.value);
        painter.setPen(text);
        if (captionWidth + valueWidth > r.width()) { // a narrow dock: one elided line in the text colour
            painter.drawText(r, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                             fm.elidedText(caption + part.value, Qt::ElideRight, r.width()));
            continue;
        }
        int x = r.left();
        if (i == last && last > 0)
            x = r.right() + 1 - captionWidth - valueWidth;
        else if (i > 0)
            x += (r.width() - captionWidth - valueWidth) / 2;
        painter.drawText(QRect(x, r.top(), captionWidth, r.height()), Qt::AlignLeft | Qt::AlignVCenter, caption);
        if (part.value.isEmpty())
            continue;
        painter.setPen(part.colour.isValid() ? part.colour : text);
        painter.drawText(QRect(x + captionWidth, r.top(), valueWidth, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         part.value);
    }
}
