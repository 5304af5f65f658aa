"""The statistics screen: plots of reviews, forecast, retention, card states and a study calendar."""
