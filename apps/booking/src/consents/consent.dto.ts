import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSENT_METHODS, type ConsentMethod } from '@kotoportti/model';
import { OneOf, ZonedDateTime } from '@kotoportti/platform';

export class GiveConsentDto {
  @ApiProperty({
    description: 'When the client gave consent',
    example: '2026-03-02T10:15:00+02:00',
  })
  @ZonedDateTime()
  givenAt: string;

  @ApiProperty({ enum: CONSENT_METHODS })
  @OneOf(CONSENT_METHODS)
  method: ConsentMethod;
}

export class ConsentView {
  @ApiProperty() id: string;
  @ApiProperty() clientId: string;
  @ApiProperty() givenAt: string;
  @ApiProperty({ enum: CONSENT_METHODS }) method: ConsentMethod;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) withdrawnAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) withdrawnBy: string | null;
}

export class WithdrawnConsentView extends ConsentView {
  @ApiProperty({ description: 'Test bookings not yet begun, cancelled with the consent' })
  cancelledBookingIds: string[];
}
